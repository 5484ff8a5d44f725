import { describe, expect, it } from 'vitest';
import { buildSequentialRule, type AnalysisPlanRow, type ReportWindow } from '../../ledger/index.js';
import { describeQuality } from './render-primary-section.js';
import { resolveAnalysisPlan } from './resolve-analysis-plan.js';

const row = (plan_id: string, overrides: Partial<AnalysisPlanRow> = {}): AnalysisPlanRow => ({
  id: `r-${plan_id}`,
  kind: 'analysis-plan',
  ts: '2026-11-22T10:00:00.000Z',
  schema_version: 1,
  tool_version: '0.1.0',
  source: 'runner',
  agent_id: 'main',
  plan_id,
  providers: ['claude', 'codex'],
  estimand: 'usd',
  method: 'crossover',
  alpha: 0.05,
  min_effect: 0.2,
  planned_tasks: 10,
  reference: null,
  task_budget: { metric: 'cost', limits: { claude: 2, codex: 1 }, source: '--task-budget $2' },
  ...overrides,
});
const window = (plan_id: string | undefined, provider: string): ReportWindow => ({
  agent_id: 'main',
  provider,
  window_id: `${plan_id}-${provider}-${Math.random()}`,
  feature_id: 'T1',
  methodology: 'm',
  quality: 1,
  outcome: 'success',
  capacity: null,
  errors: [],
  started_at: null,
  ended_at: null,
  completed_at: '2026-11-22T11:00:00.000Z',
  plan_id,
});

describe('resolveAnalysisPlan', () => {
  it('names the quality measure the plan registered, the share for a plan registered before the measure was', () => {
    expect(resolveAnalysisPlan([row('plan-a', { quality: 'resolved' })], [], {}).quality).toBe('resolved');
    const older = resolveAnalysisPlan([row('plan-a')], [], {}).quality;
    expect(older).toBe('fail-to-pass-share');
    expect(resolveAnalysisPlan([], [], {}).quality).toBeNull();
    expect(describeQuality('resolved')).toMatch(/^`resolved`, SWE-bench's: 1 when every fail_to_pass and every pass_to_pass/);
    expect(describeQuality(older)).toMatch(/^`fail-to-pass-share` \(pre-registered option\)/);
  });

  it('uses the registered analysis, the first provider as reference, and lists no deviation when no flag differs', () => {
    const plan = resolveAnalysisPlan([row('plan-a')], [], { alpha: 0.05 });
    expect(plan).toMatchObject({
      registered: true,
      plan_id: 'plan-a',
      alpha: 0.05,
      min_effect: 0.2,
      planned_tasks: 10,
      reference: 'claude',
      estimand: 'usd',
      deviations: [],
    });
  });

  it('applies a flag that differs from the registration but names it as a deviation', () => {
    const plan = resolveAnalysisPlan([row('plan-a')], [], { alpha: 0.1, minEffect: 0.5, unit: 'bars', providers: ['codex', 'claude'] });
    expect(plan.alpha).toBe(0.1);
    expect(plan.deviations).toEqual([
      'providers codex, claude instead of the pre-registered claude, codex',
      'estimand per bars instead of the pre-registered usd',
      'alpha 0.1 instead of the pre-registered 0.05',
      'relevant difference 50% instead of the pre-registered 20%',
    ]);
  });

  it('keeps the registered task budget, says a plan without one is bounded after the fact, and names a legacy rule', () => {
    const budget = { metric: 'cost' as const, limits: { claude: 2, codex: 1 }, source: '--task-budget $2' };
    const budgeted = row('plan-a', {
      sequential: buildSequentialRule({ providers: 2, alpha: 0.05, minEffect: 0.2, plannedTasks: 10, enabled: true }),
      task_budget: budget,
    });
    expect(resolveAnalysisPlan([budgeted], [], {})).toMatchObject({ task_budget: budget, deviations: [] });
    const older = resolveAnalysisPlan([row('plan-a', { task_budget: undefined })], [], {});
    expect(older.task_budget).toBeNull();
    expect(older.deviations.join(' ')).toMatch(/registered no task budget .* bounded by its dearest arm/);
    expect(resolveAnalysisPlan([], [], {}).task_budget).toBeNull();
    const groupSequential = row('plan-a', {
      sequential: {
        rule: 'group-sequential',
        alpha_per_pair: 0.05,
        pairs: 1,
        planned_tasks: 10,
        spending: 'obrien-fleming',
        first_look: 5,
        look_every: 1,
        relevant_ratio: 1.2,
        tail_guard: 30,
      },
      task_budget: budget,
    });
    expect(resolveAnalysisPlan([groupSequential], [], {}).deviations.join(' ')).toMatch(/group-sequential rule .* betting sequence/);
  });

  it('picks the plan with the most windows, never mentions the others (they must not change its report), and honours --plan', () => {
    const windows = [window('plan-b', 'claude'), window('plan-b', 'codex'), window('plan-a', 'claude')];
    const chosen = resolveAnalysisPlan([row('plan-a'), row('plan-b', { alpha: 0.01 })], windows, {});
    expect(chosen).toMatchObject({ plan_id: 'plan-b', alpha: 0.01 });
    expect(chosen.notes).toEqual([]);
    expect(resolveAnalysisPlan([row('plan-a'), row('plan-b')], windows, { planId: 'plan-a' }).plan_id).toBe('plan-a');
  });

  it('without a registration, says the analysis was chosen by the report and takes the providers in the data', () => {
    const plan = resolveAnalysisPlan([], [window(undefined, 'codex'), window(undefined, 'claude')], {});
    expect(plan).toMatchObject({
      registered: false,
      plan_id: null,
      providers: ['claude', 'codex'],
      alpha: 0.05,
      planned_tasks: 12,
      deviations: [],
    });
    expect(plan.notes[0]).toContain('no plan in this data pre-registered an analysis');
  });
});
