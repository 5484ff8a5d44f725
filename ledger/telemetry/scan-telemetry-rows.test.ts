import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stampRow } from '../store/stamp-row.js';
import { appendRows } from '../store/append-rows.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { scanTelemetryRows } from './scan-telemetry-rows.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'telemetry-scan-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const row = (agentId: string, trace: string, extra: Record<string, unknown> = {}) =>
  stampRow({ agentId, source: 'proxy' }, 'proxy-request', {
    timestamp: '2026-11-21T08:00:00Z',
    session_id: null,
    subagent_id: null,
    backend_provider: 'anthropic',
    model: 'claude-haiku-4-5',
    prompt_tokens: 1,
    completion_tokens: 1,
    latency_ms: 5,
    status: 200,
    trace_id: trace,
    ...extra,
  });

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
          const retraction = stampRow({ agentId: 'main', source: 'manual' }, 'retraction', {
            target_id: second.id,
            target_kind: 'proxy-request',
            reason: 'test',
          });
          appendRows(dir, LEDGER_FILES.proxyTelemetry, [retraction], { agentId: 'main', source: 'manual' });
        }
        return r.trace_id;
      },
    });
    expect(scan.rows).toEqual(['first']);
  });
});
