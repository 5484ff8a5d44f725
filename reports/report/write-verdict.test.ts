// The verdict's second line: what this run can tell apart, what would settle the contest, and why, in numbers that are true.
import { describe, expect, it } from 'vitest';
import type { RatioPowerPlan } from '../metrics/ratio-power-plan.js';
import { describeNextStep } from './write-verdict.js';

type Draft = Parameters<typeof describeNextStep>[0];

const basePlan: RatioPowerPlan = {
  pair: ['sim-glm', 'sim-codex'],
  tasks: 40,
  planned: 40,
  relevant_ratio: 1.2,
  target: 0.8,
  model: 'resampled',
  power_planned: 0.1,
  mc_error: 0.02,
  tasks_for_power: 200,
  still_needed: 160,
  limit: null,
  detectable_ratio: 1.42,
  promised: null,
  notes: [],
  width: { calibration_se: 0.016, calibration_ses: [0.004, 0.0155], runaway_tasks: 0 },
};

function draft(plan: Partial<RatioPowerPlan>, builtin: number | null = 40, used = 40): Draft {
  return {
    decision: { decision: 'stay-lean' },
    windows: { completed: 80 },
    stop: { recorded: null },
    primary: { providers: [], leader: null },
    analysis: { min_effect: 0.2, task_sources: { builtin: used, imported: 0, synthesized: 0, own: 0 } },
    settings: { builtin_tasks: builtin },
    plan: { ...basePlan, ...plan },
  } as unknown as Draft;
}

describe('describeNextStep', () => {
  it('first says what these tasks can tell apart, then where more tasks come from (the bank first, then your own)', () => {
    expect(describeNextStep(draft({}, 40, 10))).toBe(
      "Next: keep your current plans (stay lean); these 40 tasks can tell apart providers 1.42x apart; about 160 more tasks would settle a 20% difference between sim-glm and sim-codex (the bank's other 30 built-in tasks (`--all-tasks`), then about 130 from your own history (`experiment tasks import --repo PATH`) or your code (`experiment tasks synthesize --repo PATH --count N`); more epochs or seeds add no tasks).",
    );
    expect(describeNextStep(draft({ still_needed: 12 }, 40, 10))).toContain(
      "(the bank's 30 unused built-in tasks hold them: `--all-tasks`;",
    );
    expect(describeNextStep(draft({}, 40, 40))).toContain(
      "the bank's 40 built-in tasks are all in the plan: the rest from your own history",
    );
  });

  it('blames the prices only when their calibration alone caps the power, naming whose and the command that reads the bars', () => {
    const line = describeNextStep(
      draft({
        limit: 'prices',
        tasks_for_power: null,
        still_needed: null,
        width: { ...basePlan.width, calibration_se: 0.31, calibration_ses: [0.05, 0.306] },
      }),
    );
    expect(line).toContain('no number of tasks settles a 20% difference between sim-glm and sim-codex while the prices are this uncertain');
    expect(line).toContain("their calibration's SD of 0.31 on ln(price ratio) stays whatever the tasks");
    expect(line).toContain("record sim-codex's bars as you work (`tracker watch`");
    expect(line).toContain('this report prices each plan from every reading in the data dir');
  });

  it('names the runaway tasks and the task budget that bounds them when the tasks need so many, and no SD', () => {
    const line = describeNextStep(
      draft({ limit: 'tasks', tasks_for_power: null, still_needed: null, width: { ...basePlan.width, runaway_tasks: 4 } }),
    );
    expect(line).toContain(
      "more than 2,000 tasks would be needed to settle a 20% difference between sim-glm and sim-codex, because the tasks differ too much for an exact answer at that size; 4 tasks have an arm that reached its budget or cost over 5x its provider's median: a tighter task budget (`--task-budget`) bounds such arms closer, and decides sooner",
    );
    expect(line).not.toContain('SD');
    expect(line).not.toContain('prices are this uncertain');
  });

  it("says how far the pair's own sequence got when the tasks need so many: its evidence against what a decision needs", () => {
    const plan = draft({ limit: 'tasks', tasks_for_power: null, still_needed: null });
    const last = { n: 10, ratio: 2.15, low: null, high: null, p: 0.4153, threshold: 0.0075, basis: 'betting', state: 'open' };
    const withPair = {
      ...plan,
      primary: { ...plan.primary, pairs: [{ a: 'sim-codex', b: 'sim-glm', tasks: 10, last }] },
    } as unknown as Draft;
    expect(describeNextStep(withPair)).toContain(
      'because the tasks differ too much for an exact answer at that size (at 10 tasks the evidence that either is ahead is worth 2.4, of the 130 an exact decision at p 0.0075 needs).',
    );
  });

  it('never advises a negative count: tasks that already had the power say so', () => {
    expect(describeNextStep(draft({ still_needed: 0, tasks_for_power: 30 }))).toContain(
      'these tasks already had the power to show a 20% difference between sim-glm and sim-codex',
    );
  });
});
