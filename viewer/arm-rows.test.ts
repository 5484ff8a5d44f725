// The arms table's server side: filters, a stable sort with nulls last, pages; and the runs page's finish estimate.
import { describe, expect, it } from 'vitest';
import type { PlanStatus } from '../ledger/runs/index.js';
import type { ArmRow } from './arm-rows.js';
import { ArmTable } from './arm-table.js';
import { queryArmRows } from './query-arm-rows.js';
import { estimateFinish } from './build-run-views.js';

function makeRow(index: number, overrides: Partial<ArmRow> = {}): ArmRow {
  return {
    window_id: `plan-a${String(index).padStart(3, '0')}`,
    plan_id: 'plan',
    task: index % 2 === 0 ? 'duration-parser' : 'semver-range',
    provider: index % 3 === 0 ? 'claude' : 'codex',
    epoch: null,
    period: 1,
    sequence: 'AB',
    outcome: index % 4 === 0 ? 'fail' : 'success',
    quality: (index % 5) / 4,
    resolved: null,
    tests_passed: null,
    tests_total: null,
    broken: null,
    usd: null,
    tokens: index % 7 === 0 ? null : 1000 + index,
    duration_ms: 1000,
    isolation: 'bwrap',
    completed_at: new Date(Date.UTC(2026, 10, 25, 0, index)).toISOString(),
    errors: [],
    ...overrides,
  };
}

const ROWS = Array.from({ length: 30 }, (_, index) => makeRow(index));
const TABLE = ArmTable.fromRows(ROWS);
const QUERY = { filter: '', where: {}, sort: 'tokens' as const, descending: false, offset: 0, limit: 10 };

describe('queryArmRows', () => {
  it('sorts with unknown values last in either direction, ties by window id, and pages', () => {
    const up = queryArmRows(TABLE, QUERY);
    expect(up.rows.map((row) => row.tokens)).toEqual([1001, 1002, 1003, 1004, 1005, 1006, 1008, 1009, 1010, 1011]);
    const down = queryArmRows(TABLE, { ...QUERY, descending: true, offset: 20 });
    expect(down.rows.map((row) => row.tokens).slice(-5)).toEqual([null, null, null, null, null]);
    expect(down.matched).toBe(30);
  });

  it('filters by words and exact columns, and offers the choices of the whole table', () => {
    const page = queryArmRows(TABLE, { ...QUERY, filter: 'SEMVER fail', where: { provider: 'claude' } });
    expect(page.rows.every((row) => row.task === 'semver-range' && row.outcome === 'fail' && row.provider === 'claude')).toBe(true);
    expect(page.matched).toBe(page.rows.length);
    expect(page.total).toBe(30);
    expect(page.choices.provider).toEqual(['claude', 'codex']);
  });
});

describe('estimateFinish', () => {
  const status = { plan_id: 'plan', arms: 40, done: 10, state: 'running' } as PlanStatus;
  const now = new Date(Date.UTC(2026, 10, 25, 0, 10));

  it('applies the throughput so far to the arms left', () => {
    // 10 arms done, the first started at 00:00:59 (done at 00:01 after 1 s), now 00:10: 541 s for 10 arms, 30 left.
    const arms = ROWS.slice(0, 10).map((row, index) => ({
      ...row,
      completed_at: new Date(Date.UTC(2026, 10, 25, 0, index + 1)).toISOString(),
    }));
    const finish = estimateFinish(status, ArmTable.fromRows(arms), now);
    expect(finish.reason).toBeNull();
    expect(Math.round((finish.remaining_ms ?? 0) / 1000)).toBe(Math.round((541 / 10) * 30));
  });

  it('says n/a with the reason when the plan is not running or fewer than two arms are done', () => {
    expect(estimateFinish({ ...status, state: 'interrupted' }, TABLE, now).reason).toBe('n/a: the plan is interrupted');
    expect(estimateFinish(status, ArmTable.fromRows(ROWS.slice(0, 1)), now).reason).toBe('n/a: fewer than two arms done so far');
  });
});
