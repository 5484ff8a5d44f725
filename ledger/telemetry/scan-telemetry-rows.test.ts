import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stampRow } from '../store/stamp-row.js';
import { appendRows } from '../store/append-rows.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { scanTelemetryRows } from './scan-telemetry-rows.js';
import { makeProxyRequest, makeRetraction } from './test-fixtures/make-proxy-request.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'telemetry-scan-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const row = makeProxyRequest;

describe('scanTelemetryRows', () => {
  it('reads nothing when the file does not exist', () => {
    expect(scanTelemetryRows(dir)).toMatchObject({ present: false, rows: [] });
  });

  it('returns valid rows, folds retractions, filters by agent and counts rows that do not match the schema', () => {
    const a = row('main', 'a');
    const b = row('sub1', 'b');
    const gone = row('main', 'gone');
    appendRows(dir, LEDGER_FILES.proxyTelemetry, [a, b, gone, row('main', 'bad', { status: 'oops' })], {
      agentId: 'main',
      source: 'proxy',
    });
    appendRows(
      dir,
      LEDGER_FILES.proxyTelemetry,
      [stampRow({ agentId: 'main', source: 'manual' }, 'retraction', { target_id: gone.id, target_kind: 'proxy-request', reason: 'test' })],
      { agentId: 'main', source: 'manual' },
    );
    appendFileSync(join(dir, LEDGER_FILES.proxyTelemetry), 'not json\n');
    const all = scanTelemetryRows(dir);
    expect(all.rows.map((r) => r.trace_id)).toEqual(['a', 'b']);
    expect(all.skippedCount).toBe(1);
    expect(all.skipped[0]).toMatchObject({ lineNo: 4, reason: expect.stringContaining('status') });
    expect(all.unreadable).toHaveLength(1);
    expect(scanTelemetryRows(dir, { agentId: 'sub1' }).rows.map((r) => r.trace_id)).toEqual(['b']);
  });

  it('takes out a row a later correction supersedes, whatever the order, and keeps only the projected fields', () => {
    const first = row('main', 'first');
    const kept = row('main', 'kept');
    // The correction names a row that comes after it in the file, and its text names the key inside a string too.
    const correction = row('main', 'corrected', { supersedes: kept.id, error_type: 'mentions "supersedes" in text' });
    appendRows(dir, LEDGER_FILES.proxyTelemetry, [first, correction, kept], { agentId: 'main', source: 'proxy' });
    const projected = scanTelemetryRows(dir, { project: (r) => ({ trace: r.trace_id }) });
    expect(projected.rows).toEqual([{ trace: 'first' }, { trace: 'corrected' }]);
  });

  it('reads again when a retraction is appended while it reads, so the retracted row is not kept', () => {
    const first = row('main', 'first');
    const second = row('main', 'second');
    appendRows(dir, LEDGER_FILES.proxyTelemetry, [first, second], { agentId: 'main', source: 'proxy' });
    let appended = false;
    const scan = scanTelemetryRows(dir, {
      project: (r) => {
        // A writer's retraction of `second` lands between the fold pass and this one.
        if (!appended) {
          appended = true;
          appendRows(dir, LEDGER_FILES.proxyTelemetry, [makeRetraction(second.id, 'proxy-request')], { agentId: 'main', source: 'manual' });
        }
        return r.trace_id;
      },
    });
    expect(scan.rows).toEqual(['first']);
  });

  it('hands each kept row to a fold, which starts over when a raced scan is read again', () => {
    const first = row('main', 'first', { window_id: 'p1-a001-claude' });
    const second = row('main', 'second', { window_id: 'p1-a002-claude' });
    const other = row('main', 'other', { window_id: 'elsewhere' });
    appendRows(dir, LEDGER_FILES.proxyTelemetry, [first, second, other], { agentId: 'main', source: 'proxy' });
    let seen: string[] = [];
    let restarts = 0;
    let appended = false;
    const scan = scanTelemetryRows(dir, {
      keepRow: (raw) => raw.window_id !== 'elsewhere',
      project: (r) => {
        if (!appended) {
          appended = true;
          appendRows(dir, LEDGER_FILES.proxyTelemetry, [makeRetraction(second.id, 'proxy-request')], { agentId: 'main', source: 'manual' });
        }
        return r.trace_id;
      },
      fold: {
        add: (trace) => seen.push(trace),
        restart: () => {
          restarts += 1;
          seen = [];
        },
      },
    });
    // Without the restart the fold would hold first and second from the raced read, then first again.
    expect({ seen, restarts, rows: scan.rows }).toEqual({ seen: ['first'], restarts: 1, rows: [] });
  });

  it('parses only the lines holding a needle, and still folds a retraction that holds none', () => {
    const mine = row('main', 'mine', { window_id: 'p1-a001-claude' });
    const gone = row('main', 'gone', { window_id: 'p1-a002-claude' });
    const other = row('main', 'other', { window_id: 'p2-a001-claude' });
    const retraction = makeRetraction(gone.id, 'proxy-request');
    appendRows(dir, LEDGER_FILES.proxyTelemetry, [mine, gone, other, retraction], { agentId: 'main', source: 'proxy' });
    appendFileSync(join(dir, LEDGER_FILES.proxyTelemetry), '{"not json but p2-\n');
    const scan = scanTelemetryRows(dir, { needles: ['"p1-'], project: (r) => r.trace_id });
    expect(scan.rows).toEqual(['mine']);
    expect(scan.unreadable).toEqual([]);
  });
});
