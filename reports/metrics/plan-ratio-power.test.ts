// The power plan's attribution of ln(ratio)'s width (tasks, runaway tasks, prices) and its counts, never below 0.
import { describe, expect, it } from 'vitest';
import { planRatioPower, type RatioPowerInput } from './plan-ratio-power.js';

const input: RatioPowerInput = {
  pair: ['claude', 'glm'],
  tasks: [],
  alpha: 0.05,
  providers: 2,
  minEffect: 0.2,
  enabled: true,
  budget: null,
  planned: 40,
  calibrationSe: 0,
  runs: 100,
  seed: 'plan-test',
  promised: null,
};

/** 40 tasks, glm failing one in four cheaply; `runaway` of its failures cost 60 times its solved arms. */
function tasks(runaway: number) {
  return Array.from({ length: 40 }, (_, i) => {
    const fails = i % 4 === 0;
    return { qA: 1, cA: 10 + (i % 5), qB: fails ? 0 : 1, cB: fails ? (i / 4 < runaway ? 300 : 1) : 5 + (i % 3) };
  });
}

describe('planRatioPower', () => {
  it('counts the tasks with a runaway arm (over 5x its median, or at its budget), and sees none where there is none', () => {
    const plan = planRatioPower({ ...input, tasks: tasks(4) });
    expect(plan.width.runaway_tasks).toBe(4);
    expect(planRatioPower({ ...input, tasks: tasks(0) }).width).toMatchObject({ runaway_tasks: 0 });
    // At their budget: glm's solved arms at 7 reach a budget of 7.
    expect(planRatioPower({ ...input, tasks: tasks(0), budget: { a: 100, b: 7 } }).width.runaway_tasks).toBe(10);
  });

  it('says the prices cap the power when their calibration alone does, and keeps the count of tasks still needed at 0 or more', () => {
    const priced = planRatioPower({ ...input, tasks: tasks(0), calibrationSe: 0.4, calibrationSes: [0.1, 0.387] });
    expect(priced).toMatchObject({ limit: 'prices', tasks_for_power: null, still_needed: null });
    expect(priced.width.calibration_ses).toEqual([0.1, 0.387]);
    // 40 tasks done of a plan whose power for a 1.5x difference needs fewer (measured: 31): 0 more, never a negative
    // count (8d1aeb7 printed -4938).
    const done = planRatioPower({ ...input, minEffect: 0.5, tasks: tasks(0), planned: 12 });
    expect(done.tasks_for_power).toBeLessThan(40);
    expect(done.still_needed).toBe(0);
  });

  it('counts the tasks still needed beyond the planned ones, not beyond those done', () => {
    // 10 tasks done of 200 planned, whose power for a 2x difference needs fewer than 200 (measured: 21): none beyond
    // the plan (it printed the tasks needed less the 10 done).
    const early = planRatioPower({ ...input, minEffect: 1, tasks: tasks(0).slice(0, 10), planned: 200 });
    expect(early.tasks_for_power).toBeGreaterThan(10);
    expect(early.tasks_for_power).toBeLessThan(200);
    expect(early.still_needed).toBe(0);
  });

  it("gives the decision's rate at no difference beside its power, and says when the power is no more than that", () => {
    const clean = planRatioPower({ ...input, tasks: tasks(0) });
    expect(clean.null_rate).toBeLessThan(0.05);
    expect(clean.no_real_power).toBe(false);
    // The prices' calibration swamps 20%: the decision names claude ahead as often at 1x as at 1.2x.
    const blind = planRatioPower({ ...input, tasks: tasks(0), calibrationSe: 3, calibrationSes: [3, 0] });
    expect(blind.no_real_power).toBe(true);
    expect(Math.abs((blind.power_planned as number) - (blind.null_rate as number))).toBeLessThan(0.1);
  });
});
