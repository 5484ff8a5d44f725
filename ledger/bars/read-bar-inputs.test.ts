// The bars' loader: current captures, readings and proxy rows with rate limits; retracted and unparseable rows left out.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendRows } from '../store/append-rows.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { stampRow } from '../store/stamp-row.js';
import { createBarInputsReader, readBarInputs } from './read-bar-inputs.js';
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

  it('reads on from where it ended: new rows, a later retraction of an earlier row, and a file cut back', () => {
    writeBarLedger(dir);
    const reader = createBarInputsReader(dir);
    expect(reader.read().readings).toHaveLength(1);
    const ctx = { agentId: 'main', source: 'manual' as const };
    const late = stampRow(ctx, 'reading', {
      provider: 'glm',
      captured_at: '2026-11-25T11:00:00.000Z',
      format: 'quota-glm',
      bars: { five_hour: { used_pct: 30, resets_at: null } },
    });
    appendRows(dir, LEDGER_FILES.snapshots, [late], ctx);
    expect(reader.read().readings.map((row) => row.provider)).toEqual(['claude', 'glm']);
    // Retract the claude reading the fixture wrote (a retraction after the reader has already kept it).
    const rows = readFileSync(join(dir, LEDGER_FILES.snapshots), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; kind: string; provider?: string });
    const claudeId = rows.find((row) => row.kind === 'reading' && row.provider === 'claude')?.id;
    appendRows(dir, LEDGER_FILES.snapshots, [stampRow(ctx, 'retraction', { target_id: claudeId, reason: 'test' })], ctx);
    expect(reader.read().readings.map((row) => row.provider)).toEqual(['glm']);
    writeFileSync(join(dir, LEDGER_FILES.snapshots), '');
    expect(reader.read()).toMatchObject({ snapshots: [], readings: [] });
  });
});
