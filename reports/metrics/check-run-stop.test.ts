// The run's stop rules on a plan's ledger: capture halt, no decision before the first look, a clear winner, epochs, the plan's unit.
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { createPriceTable } from '../../budget/prices/index.js';
import { buildSequentialRule, type AnalysisPlanRow, type ReportWindow } from '../../ledger/index.js';
import { makeReportLedger } from '../test-fixtures/make-report-ledger.js';
import { checkRunStop } from './check-run-stop.js';

function window(provider: string, task: number, delta: number | null, extra: Partial<ReportWindow> = {}): ReportWindow {
  return {
    agent_id: 'main-w1',
    provider,
    window_id: `${provider}-${task}`,
    feature_id: `task-${task}`,
    methodology: 'run',
    quality: 1,
    outcome: 'success',
    capacity: { unit: 'pct_5h', before: 10, after: delta === null ? null : 10 + delta, delta },
    errors: delta === null ? ['negative-delta'] : [],
    started_at: null,
    ended_at: null,
    completed_at: `2026-11-21T10:${String(task).padStart(2, '0')}:00Z`,
    plan_id: 'plan-x',
    sequence: task % 2 ? 'AB' : 'BA',
    period: provider === 'a' ? 1 + (task % 2 ? 0 : 1) : 1 + (task % 2),
    ...extra,
  };
}

function planRow(overrides: Partial<AnalysisPlanRow> = {}): AnalysisPlanRow {
  return {
    id: 'p',
    kind: 'analysis-plan',
    ts: '2026-11-21T09:00:00Z',
    schema_version: 1,
    tool_version: 'test',
    source: 'runner',
    agent_id: 'main',
    plan_id: 'plan-x',
    providers: ['a', 'b'],
    estimand: 'bars',
    method: 'crossover',
    alpha: 0.05,
    min_effect: 0.2,
    planned_tasks: 20,
    reference: null,
    statistic: 'ratio-of-sums',
    sequential: buildSequentialRule({ providers: 2, alpha: 0.05, minEffect: 0.2, plannedTasks: 20, enabled: true }),
    ...overrides,
  };
}

const check = (windows: ReportWindow[], plan = planRow(), epochs = 1) =>
  checkRunStop(makeReportLedger(windows), plan, { prices: createPriceTable(BUILT_IN_CATALOG), epochs });

// A uses about 0.2% of its bar per task, B 0.5% for the same quality: A does about 2.5x B's work per unit.
const pairs = (n: number) =>
  Array.from({ length: n }, (_, i) => [window('a', i + 1, 0.2 + i * 0.001), window('b', i + 1, 0.5 + i * 0.002)]).flat();

describe('checkRunStop', () => {
  it('halts a provider whose captures keep failing, naming it', () => {
    const decided = check([window('a', 1, null), window('a', 2, 0.3)]);
    expect(decided.stop).toMatchObject({ rule: 'data-quality', provider: 'a' });
    expect(decided.stop?.reason).toMatch(/^a: halt the arm and fix capture/);
  });

  it('goes on before the first look, and stops once A is clearly ahead in work per unit', () => {
    expect(check(pairs(4)).stop).toBeNull();
    const first = Array.from({ length: 30 }, (_, i) => i + 1).find((n) => check(pairs(n)).stop !== null);
    expect(first).toBeGreaterThanOrEqual(5);
    const decided = check(pairs(first as number));
    expect(decided.stop?.rule).toBe('sequential');
    expect(decided.pairs[0]?.outcome).toBe('a-ahead');
    expect(decided.unit).toBe('bars');
    // Its repeated interval is on the ratio scale: it excludes 1 and holds A's true advantage of about 2.5x.
    const look = decided.pairs[0]?.last;
    expect(look?.low).toBeGreaterThan(1);
    expect(look?.high).toBeGreaterThanOrEqual(2.4);
  });

  it('never stops a plan that registered no early stop', () => {
    const none = planRow({
      sequential: buildSequentialRule({ providers: 2, alpha: 0.05, minEffect: 0.2, plannedTasks: 20, enabled: false }),
    });
    expect(check(pairs(30), none).stop).toBeNull();
  });

  it('with three providers waits until every pair is settled', () => {
    const three = planRow({
      providers: ['a', 'b', 'c'],
      sequential: buildSequentialRule({ providers: 3, alpha: 0.05, minEffect: 0.2, plannedTasks: 20, enabled: true }),
    });
    // c matches a exactly: the a-c pair can only end within the relevant difference, which takes more tasks than a-b's decision.
    const withC = (n: number) => [...pairs(n), ...Array.from({ length: n }, (_, i) => window('c', i + 1, 0.2 + i * 0.001))];
    const twoProviders = Array.from({ length: 30 }, (_, i) => i + 1).find((n) => check(pairs(n)).stop !== null) as number;
    const decided = check(withC(twoProviders), three);
    expect(decided.stop).toBeNull();
    expect(decided.pairs.map((p) => `${p.a}-${p.b}`)).toEqual(['a-b', 'a-c', 'b-c']);
  });

  it('counts a task once, as the mean of all its epochs, never an epoch as a task', () => {
    const runs = (tasks: number, epochs: number) =>
      Array.from({ length: epochs }, (_, e) =>
        Array.from({ length: tasks }, (_, i) =>
          ['a', 'b'].map((p) =>
            window(p, i + 1, p === 'a' ? 0.2 + i * 0.001 + e * 0.0001 : 0.5 + i * 0.002, {
              window_id: `${p}-${i + 1}-e${e + 1}`,
              epoch: e + 1,
            }),
          ),
        ),
      ).flat(2);
    const enough = Array.from({ length: 30 }, (_, i) => i + 1).find((n) => check(pairs(n)).stop !== null) as number;
    // 4 tasks x 3 epochs are 4 tasks, before the rule's first look at 5, though 12 runs of each would be enough.
    expect(check(runs(4, 3), planRow(), 3).stop).toBeNull();
    // Enough tasks with only their first of 2 epochs done: no task is finished, so nothing to judge yet.
    expect(check(runs(enough, 1), planRow(), 2).stop).toBeNull();
    expect(check(runs(enough, 2), planRow(), 2).pairs[0]?.outcome).toBe('a-ahead');
  });
});
