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

  it('decides with the registered tail guard, 1 on plans before it, the default without a plan, and names --tail-guard as a deviation', () => {
    const guarded = row('plan-a', {
      sequential: buildSequentialRule({ providers: 2, alpha: 0.05, minEffect: 0.2, plannedTasks: 10, enabled: true }),
    });
    expect(resolveAnalysisPlan([guarded], [], {}).tail_guard).toBe(30);
    expect(resolveAnalysisPlan([row('plan-a')], [], {}).tail_guard).toBe(1);
    expect(resolveAnalysisPlan([], [], {}).tail_guard).toBe(30);
    const asked = resolveAnalysisPlan([guarded], [], { tailGuard: 5 });
    expect(asked.tail_guard).toBe(5);
    expect(asked.deviations).toEqual(['tail guard 5 instead of the pre-registered 30']);
    expect(resolveAnalysisPlan([guarded], [], { tailGuard: 30 }).deviations).toEqual([]);
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
