// An attempt whose account gave its charges back: its readings and proxy rows (probes too) leave the bars, in both readers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendRows } from '../store/append-rows.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { stampRow } from '../store/stamp-row.js';
import { type BarInputs, readBarInputs, readGivenBackWindows } from './read-bar-inputs.js';
import { stampProxyRequest } from './test-fixtures/write-bar-ledger.js';
import { visitBarInputs } from './visit-bar-inputs.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'given-back-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ctx = { agentId: 'main-w1', source: 'runner' as const };
const bar = (used_pct: number) => ({ five_hour: { used_pct, resets_at: '2026-11-25T15:00:00.000Z' } });

/** A cut-short attempt `a7` (its before, a header reading, a probe and a request), then its redo `a7-r2`, retracted as asked. */
function writeAttempt(givenBack: boolean): void {
  const before = stampRow(ctx, 'snapshot', {
    provider: 'sim',
    window_id: 'a7',
    phase: 'before',
    captured_at: '2026-11-25T10:00:00.000Z',
    format: 'proxy-headers',
    bars: bar(9.79),
    parse_errors: [],
    tags: [],
  });
  const reading = (window: string, at: string, pct: number) =>
    stampRow(ctx, 'reading', { provider: 'sim', captured_at: at, format: 'proxy-headers', bars: bar(pct), window_id: window });
  appendRows(
    dir,
    LEDGER_FILES.snapshots,
    [
      before,
      reading('a7', '2026-11-25T10:00:05.000Z', 11.49),
      stampRow(ctx, 'retraction', {
        target_id: before.id,
        target_kind: 'snapshot',
        target: { provider: 'sim', window_id: 'a7', phase: 'before' },
        reason: 'experiment run resumed: this attempt was cut short',
        ...(givenBack ? { given_back: true } : {}),
      }),
      reading('a7-r2', '2026-11-25T10:00:30.000Z', 11.49),
    ],
    ctx,
  );
  const request = (window: string, pct: number) =>
    stampProxyRequest({ timestamp: '2026-11-25T10:00:04.000Z', backend_provider: 'sim', rate_limits: bar(pct), window_id: window });
  appendRows(dir, LEDGER_FILES.proxyTelemetry, [request('a7.before', 9.8), request('a7', 10.5), request('a7-r2', 10.5)], ctx);
}

function visitAll(): BarInputs {
  const inputs: BarInputs = { snapshots: [], readings: [], telemetry: [] };
  visitBarInputs(dir, {
    snapshot: (row) => inputs.snapshots.push(row),
    reading: (row) => inputs.readings.push(row),
    telemetry: (row) => inputs.telemetry.push(row),
    restart: () => undefined,
  });
  return inputs;
}

describe('an attempt whose account gave its charges back', () => {
  it('leaves the bars with its readings, its requests and its probes; its redo stays', () => {
    writeAttempt(true);
    const read = readBarInputs(dir);
    expect(read.readings.map((row) => row.captured_at)).toEqual(['2026-11-25T10:00:30.000Z']);
    expect(read.telemetry.map((row) => row.rate_limits?.five_hour?.used_pct)).toEqual([10.5]);
    expect(read.snapshots).toEqual([]);
    expect(read.given_back).toEqual(['a7']);
    expect({ ...visitAll(), given_back: [...readGivenBackWindows(dir)] }).toEqual(read);
    expect(readGivenBackWindows(dir)).toEqual(new Set(['a7']));
  });

  it('keeps them when the account kept the charges (a real one: the retraction does not say given back)', () => {
    writeAttempt(false);
    const read = readBarInputs(dir);
    expect(read.readings).toHaveLength(2);
    expect(read.telemetry).toHaveLength(3);
    expect(read.given_back).toBeUndefined();
    expect(visitAll().telemetry).toHaveLength(3);
    expect(readGivenBackWindows(dir).size).toBe(0);
  });
});
