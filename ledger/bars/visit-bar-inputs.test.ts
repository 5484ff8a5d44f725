// visitBarInputs hands over what readBarInputs returns, holding nothing, and starts over when a writer races it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendRows } from '../store/append-rows.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { scanLedger } from '../store/scan-ledger.js';
import { stampRow } from '../store/stamp-row.js';
import { type BarInputs, readBarInputs } from './read-bar-inputs.js';
import { writeBarLedger } from './test-fixtures/write-bar-ledger.js';
import { type BarInputsVisitor, visitBarInputs } from './visit-bar-inputs.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'visit-bars-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A visitor that gathers the rows as readBarInputs returns them, and how often it was told to start over. */
function gather(onSnapshot?: () => void): BarInputsVisitor & { inputs: BarInputs; restarts: number } {
  const gathered = {
    inputs: { snapshots: [], readings: [], telemetry: [] } as BarInputs,
    restarts: 0,
    snapshot: (row: BarInputs['snapshots'][number]) => {
      onSnapshot?.();
      gathered.inputs.snapshots.push(row);
    },
    reading: (row: BarInputs['readings'][number]) => gathered.inputs.readings.push(row),
    telemetry: (row: BarInputs['telemetry'][number]) => gathered.inputs.telemetry.push(row),
    restart: () => {
      gathered.restarts += 1;
      gathered.inputs = { snapshots: [], readings: [], telemetry: [] };
    },
  };
  return gathered;
}

describe('visitBarInputs', () => {
  it('hands over the current rows readBarInputs returns: a retracted reading left out, a proxy row without limits too', () => {
    writeBarLedger(dir);
    const visitor = gather();
    visitBarInputs(dir, visitor);
    expect(visitor.inputs).toEqual(readBarInputs(dir));
    expect(visitor.inputs.readings.map((row) => row.bars.five_hour?.used_pct)).toEqual([11]);
    expect(visitor.restarts).toBe(0);
  });

  it('starts over when a retraction is appended between its two passes, so the retracted row is not handed over', () => {
    writeBarLedger(dir);
    let reading = '';
    scanLedger(dir, LEDGER_FILES.snapshots, (row) => {
      if (row.kind === 'reading') reading ||= String(row.id);
    });
    let appended = false;
    const ctx = { agentId: 'main', source: 'manual' as const };
    const visitor = gather(() => {
      if (appended) return;
      appended = true;
      appendRows(dir, LEDGER_FILES.snapshots, [stampRow(ctx, 'retraction', { target_id: reading, reason: 'test' })], ctx);
    });
    visitBarInputs(dir, visitor);
    expect(visitor.restarts).toBe(1);
    expect(visitor.inputs).toEqual(readBarInputs(dir));
    expect(visitor.inputs.readings).toEqual([]);
  });
});
