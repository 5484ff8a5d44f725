import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseBarRow } from '../bars/read-bar-inputs.js';
import { ReadingRowSchema } from '../schemas/index.js';
import { readMachineId } from '../vocabulary/index.js';
import { recordReadingIfChanged } from './record-reading.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'readings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ctx = { agentId: 'main', source: 'automation' as const };
const request = (pct: number) => ({
  provider: 'claude',
  format: 'claude-statusline',
  capturedAt: new Date('2026-11-20T10:00:00Z'),
  bars: { five_hour: { used_pct: pct, resets_at: null } },
  model: 'Opus 4.1',
});
const rows = () =>
  readFileSync(join(dir, 'snapshots.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);

describe('recordReadingIfChanged', () => {
  it('records a reading once, and again only when the bars change', () => {
    expect(recordReadingIfChanged(dir, ctx, request(10)).recorded).toBe(true);
    for (let i = 0; i < 5; i += 1) expect(recordReadingIfChanged(dir, ctx, request(10)).recorded).toBe(false);
    expect(recordReadingIfChanged(dir, ctx, request(12)).recorded).toBe(true);
    const written = rows();
    expect(written).toHaveLength(2);
    for (const row of written) expect(ReadingRowSchema.safeParse(row).success).toBe(true);
  });

  it('names the machine it was read on, which the bars read back; a row written before machines were named stays valid', () => {
    recordReadingIfChanged(dir, ctx, request(10));
    const [row] = rows() as Record<string, unknown>[];
    expect(row?.machine).toMatch(/^host-[0-9a-f]{10}$/);
    expect(row?.machine).toBe(readMachineId());
    const read = parseBarRow(row as Record<string, unknown>);
    expect(read?.kind === 'reading' ? read.observation.machine : null).toBe(readMachineId());
    const { machine: _, ...older } = row as Record<string, unknown>;
    expect(ReadingRowSchema.safeParse(older).success).toBe(true);
    expect(ReadingRowSchema.safeParse({ ...older, machine: 'laptop.local' }).success).toBe(false);
  });

  it('keeps agents apart', () => {
    recordReadingIfChanged(dir, ctx, request(10));
    expect(recordReadingIfChanged(dir, { ...ctx, agentId: 'sub1' }, request(10)).recorded).toBe(true);
  });
});
