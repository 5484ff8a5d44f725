// Row migrations: current rows pass untouched, old rows climb one version at a time, newer rows are refused.
import { describe, expect, it } from 'vitest';
import { migrateRow, MIGRATIONS, type RowMigration } from './migrate-row.js';

describe('migrateRow', () => {
  it('passes a row of the current version (and one without a version) through untouched', () => {
    const row = { schema_version: 1, kind: 'snapshot' };
    expect(migrateRow(row)).toEqual({ row });
    expect(migrateRow({ kind: 'snapshot' })).toEqual({ row: { kind: 'snapshot' } });
  });

  it('refuses a row written by a newer agent-tracker, saying what to do', () => {
    expect(migrateRow({ schema_version: 2 })).toEqual({
      refused: 'schema_version 2 is newer than this agent-tracker reads (1): upgrade agent-tracker to read it',
    });
  });

  it("applies every step from the row's version up to the current one, in order", () => {
    const steps = new Map<number, RowMigration>([
      [1, (row) => ({ ...row, plan: row.plan ?? 'unknown' })],
      [2, ({ tokens, ...row }) => ({ ...row, usage: { total: tokens } })],
    ]);
    expect(migrateRow({ schema_version: 1, tokens: 12 }, steps, 3)).toEqual({
      row: { schema_version: 3, plan: 'unknown', usage: { total: 12 } },
    });
    expect(migrateRow({ schema_version: 2, tokens: 5, plan: 'pro' }, steps, 3)).toEqual({
      row: { schema_version: 3, plan: 'pro', usage: { total: 5 } },
    });
  });

  it('refuses an old row when a step is missing, naming it', () => {
    expect(migrateRow({ schema_version: 1 }, new Map(), 2)).toEqual({ refused: 'schema_version 1 has no migration from version 1 to 2' });
  });

  it('has no steps yet: every row ever written is version 1', () => {
    expect(MIGRATIONS.size).toBe(0);
  });
});
