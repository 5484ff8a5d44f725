// The bars' loader: current captures, readings and proxy rows with rate limits; retracted and unparseable rows left out.
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LEDGER_FILES } from '../store/data-dir.js';
import { readBarInputs } from './read-bar-inputs.js';
import { writeBarLedger } from './test-fixtures/write-bar-ledger.js';
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bar-inputs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readBarInputs', () => {
  it('reads current captures, readings and proxy rows that carried rate limits, past a torn line', () => {
    writeBarLedger(dir);
    appendFileSync(join(dir, LEDGER_FILES.snapshots), '{"kind":"reading","bars":{"five_hour"\n');
    const inputs = readBarInputs(dir);
    expect(inputs.snapshots.map((row) => [row.provider, row.format, row.bars.five_hour?.used_pct])).toEqual([
      ['codex', 'codex-status', 20],
    ]);
    expect(inputs.readings.map((row) => row.bars.five_hour?.used_pct)).toEqual([11]);
    expect(inputs.telemetry).toEqual([
      {
        timestamp: '2026-11-25T10:05:00.000Z',
        backend_provider: 'anthropic',
        rate_limits: { five_hour: { used_pct: 14, resets_at: '2026-11-25T15:00:00.000Z' } },
      },
    ]);
  });

  it('reads an empty data dir as no rows', () => {
    expect(readBarInputs(dir)).toEqual({ snapshots: [], readings: [], telemetry: [] });
  });
});
