import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stampRow, type StampContext } from './stamp-row.js';
import { appendRows } from './append-rows.js';
import { LEDGER_FILES } from './data-dir.js';

const ctx: StampContext = { agentId: 'tester', source: 'manual' };
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'append-rows-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const rowsOf = (file: string) =>
  readFileSync(join(dir, file), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('appendRows', () => {
  it('still reports a repaired torn tail when the builder refuses', () => {
    appendRows(dir, LEDGER_FILES.snapshots, [stampRow(ctx, 'snapshot', { n: 1 })], ctx);
    appendFileSync(join(dir, LEDGER_FILES.snapshots), '{"id":"torn');
    expect(() =>
      appendRows(
        dir,
        LEDGER_FILES.snapshots,
        () => {
          throw new Error('refused by a rule');
        },
        ctx,
      ),
    ).toThrow('refused by a rule');
    expect(readFileSync(join(dir, LEDGER_FILES.snapshots), 'utf8').endsWith('}\n')).toBe(true);
    expect(rowsOf(LEDGER_FILES.snapshots)).toHaveLength(1);
    expect(rowsOf(LEDGER_FILES.anomalies).map((row) => row.code)).toEqual(['torn-tail']);
  });

  it('writes a batch as whole lines in order, and nothing for an empty batch', () => {
    appendRows(dir, LEDGER_FILES.windows, [stampRow(ctx, 'window', { n: 1 }), stampRow(ctx, 'window', { n: 2 })], ctx);
    appendRows(dir, LEDGER_FILES.windows, [], ctx);
    expect(rowsOf(LEDGER_FILES.windows).map((row) => row.n)).toEqual([1, 2]);
  });

  it('gives ids that sort in creation order within a process', () => {
    const ids = Array.from({ length: 50 }, () => stampRow(ctx, 'snapshot', {}).id);
    expect([...ids].sort()).toEqual(ids);
  });
});

describe('appendRows guards and tail mending', () => {
  it('ends a whole last row that lacks its newline instead of cutting it', () => {
    const row = stampRow(ctx, 'snapshot', { n: 1 });
    appendFileSync(join(dir, LEDGER_FILES.snapshots), JSON.stringify(row));
    appendRows(dir, LEDGER_FILES.snapshots, [stampRow(ctx, 'snapshot', { n: 2 })], ctx);
    expect(rowsOf(LEDGER_FILES.snapshots).map((r) => r.n)).toEqual([1, 2]);
    expect(rowsOf(LEDGER_FILES.anomalies)[0]).toMatchObject({ code: 'torn-tail', details: { action: 'terminated', kept_at: null } });
  });

  it('refuses a file that is not one of the ledger files, and unstamped rows', () => {
    expect(() => appendRows(dir, '../escape.jsonl' as never, [stampRow(ctx, 'snapshot', {})], ctx)).toThrow(
      /expected one of snapshots.jsonl/,
    );
    expect(() => appendRows(dir, LEDGER_FILES.snapshots, [{ not: 'stamped' }], ctx)).toThrow(/row is not stamped \(id is missing\)/);
    expect(existsSync(join(dir, '..', 'escape.jsonl'))).toBe(false);
    expect(readFileSync(join(dir, LEDGER_FILES.snapshots), 'utf8')).toBe('');
  });
});
