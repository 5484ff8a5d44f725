// Power, tasks needed and the detectable ratio by simulating the plan's own decision: seeded, monotone, and decideRatioPair's.
import { describe, expect, it } from 'vitest';
import { buildSequentialRule } from '../../ledger/index.js';
import { isAppError } from '../../kernel/index.js';
import { compareRatioOfSums, type RatioTask } from '../stats/ratio-of-sums.js';
import { decideRatioPair } from './decide-ratio-pair.js';
import { capPowerRuns, drawRunTasks, MIN_POWER_RUNS } from './estimate-ratio-power.js';
import type { RatioPair } from './pair-ratio-tasks.js';
import { describeTaskModel, drawRatioTasks, resolveTaskModel } from './ratio-power-model.js';
import { findDetectableRatio, findTasksForPower, type RatioPowerRequest, simulateRatioPower } from './simulate-ratio-power.js';

const design = { alpha: 0.05, providers: 2, minEffect: 0.2, enabled: true, calibrationSe: 0, runs: 400, seed: 'power-test' };
const request: RatioPowerRequest = { ...design, ratio: 1.2, tasks: 40 };

/** 40 observed tasks: a quarter of A's arms and a quarter of B's fail (on different tasks), costs skewed. */
const observed: RatioTask[] = Array.from({ length: 40 }, (_, i) => ({
  qA: i % 4 === 0 ? 0 : 1,
  cA: 0.5 + ((i * 7) % 10) / 4,
  qB: i % 4 === 1 ? 0 : 1,
  cB: 0.6 + ((i * 3) % 10) / 5,
}));

function pairOf(tasks: readonly RatioTask[]): RatioPair {
  return {
    a: 'A',
    b: 'B',
    unpaired: 0,
    tasks: tasks.map((t, i) => ({
      ...t,
      subject: `t${i}`,
      sequence: 'AB',
      completed_at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
    })),
  };
}

describe('simulateRatioPower', () => {
  it('replays exactly for a seed, and another seed draws other runs', () => {
    expect(simulateRatioPower(request)).toEqual(simulateRatioPower(request));
    const strong = { ...request, ratio: 2 };
    // Measured at 2x: power 0.735 with both seeds (294 of 400 runs by chance), decided at 30.7 and 30.8 tasks on average.
    expect(simulateRatioPower({ ...strong, seed: 'other' }).mean_tasks_run).not.toBe(simulateRatioPower(strong).mean_tasks_run);
  });

  it('names a side ahead well under alpha when A and B are alike: the sequence is exact, and conservative at 40 tasks', () => {
    const alike = simulateRatioPower({ ...request, ratio: 1, runs: 2000 });
    // Measured: 0.0005 A ahead (1 run of 2,000).
    expect(alike.power).toBeLessThan(0.01);
    expect(alike.outcomes['a-ahead'] + alike.outcomes['b-ahead']).toBeLessThan(0.02);
  });

  it('grows with the ratio and with the planned tasks', () => {
    const byRatio = [1, 1.2, 1.5, 2].map((ratio) => simulateRatioPower({ ...request, ratio }).power);
    // Measured at 40 tasks (defaults: 25% of arms fail, dollars lognormal, budgets 5x the median arm): 0.0025, 0.005,
    // 0.18, 0.735; at 1.5x on 20, 40, 80, 160 tasks: 0, 0.18, 0.59, 0.95.
    expect(byRatio).toEqual([...byRatio].sort((x, y) => x - y));
    expect(byRatio[3]).toBeGreaterThan(0.65);
    const byTasks = [20, 40, 80, 160].map((tasks) => simulateRatioPower({ ...request, ratio: 1.5, tasks }).power);
    expect(byTasks).toEqual([...byTasks].sort((x, y) => x - y));
    expect((byTasks[3] as number) - (byTasks[0] as number)).toBeGreaterThan(0.8);
  });

  it('decides each run as decideRatioPair does on its tasks, early failures and calibration included', () => {
    const assumed = { success_a: 0.6, success_b: 0.35, task_sd: 0.5 };
    const model = resolveTaskModel(null, assumed);
    const rule = buildSequentialRule({ providers: 2, alpha: 0.05, minEffect: 0.2, plannedTasks: 60, enabled: true });
    const seen: Record<string, number> = {};
    for (let seed = 0; seed < 40; seed += 1) {
      const ratio = [0.4, 1, 1.7, 2.5][seed % 4] as number;
      const one = { ...request, assumed, ratio, calibrationSe: 0.1, runs: 1, seed, tasks: 60 };
      const { tasks, budget } = drawRunTasks(model, ratio, 60, seed, 0, 0.1);
      const options = { calibrationSe: 0.1, na: null, budget, lines: true };
      const full = decideRatioPair(pairOf(tasks), rule, options);
      const crossing = simulateRatioPower({ ...one, stop: 'at-crossing' });
      expect({ seed, share: crossing.outcomes[full.outcome], ended: crossing.mean_tasks_run }).toEqual({
        seed,
        share: 1,
        ended: full.decided_at ?? 60,
      });
      // Stopped at its first settled look, the runner holds what decideRatioPair says on the tasks up to there.
      const settled = simulateRatioPower({ ...one, stop: 'when-settled' });
      const stopped = decideRatioPair(pairOf(tasks.slice(0, settled.mean_tasks_run)), rule, options);
      expect({ seed, share: settled.outcomes[stopped.outcome] }).toEqual({ seed, share: 1 });
      seen[full.outcome] = (seen[full.outcome] ?? 0) + 1;
    }
    expect(seen).toMatchObject({ 'a-ahead': expect.any(Number), 'b-ahead': expect.any(Number), open: expect.any(Number) });
  });

  it('with the rule off, takes every planned task and answers what the sequence says at the end', () => {
    const fixed = simulateRatioPower({ ...request, ratio: 1.5, enabled: false });
    expect(fixed).toMatchObject({ stop: 'at-crossing', mean_tasks_run: 40, rule: { rule: 'none', planned_tasks: 40 } });
    expect(fixed.mean_decided_at).toBe(40);
    // The sequence holds at every look, so the answer at the end is the one the early stop gives (measured 0.1775 both).
    expect(fixed.power).toBe(simulateRatioPower({ ...request, ratio: 1.5 }).power);
  });

  it('resamples the observed tasks with their failures, at exactly the target ratio of sums', () => {
    const model = resolveTaskModel(observed);
    expect(model.summary).toMatchObject({
      kind: 'observed',
      observed: { tasks: 40, failed_a: 0.25, failed_b: 0.25, runaways: 2 / 40 },
      fallback: null,
    });
    const drawn = drawRatioTasks(model, 1.5, 20_000, 'count');
    // A quarter failed, and two fortieths more run away to their budget (what 40 tasks cannot rule out), at its cost.
    const expected = 0.25 + (1 - 0.25) * (2 / 40);
    const failedA = drawn.filter((t) => t.qA === 0).length / drawn.length;
    const failedB = drawn.filter((t) => t.qB === 0).length / drawn.length;
    expect(Math.abs(failedA - expected)).toBeLessThan(0.015);
    expect(Math.abs(failedB - expected)).toBeLessThan(0.015);
    // Each side's costs are over its budget (none registered: the dearest observed arm), a runaway at 1 (B's budget 1).
    expect(Math.max(...drawn.map((t) => t.cB))).toBe(1);
    expect(compareRatioOfSums(drawn).ratio).toBeCloseTo(1.5, 1);
    const power = simulateRatioPower({ ...request, observed, ratio: 1.5 });
    expect(power.model.kind).toBe('observed');
    expect(describeTaskModel(power.model)).toContain('A failed 25%');
  });

  it('falls back to the printed assumption when a side of the observed tasks did no work', () => {
    const power = simulateRatioPower({ ...request, observed: observed.map((t) => ({ ...t, qB: 0 })) });
    expect(power.model).toMatchObject({ kind: 'assumed', fallback: 'B did no correct work on the observed tasks (ratio infinite)' });
    expect(power.model.assumed).toEqual({ success_a: 0.75, success_b: 0.75, cost_sd: 0.5, task_cost_sd: 0.5, task_sd: 1 });
    expect(power.model.defaulted).toHaveLength(5);
    expect(describeTaskModel(power.model)).toMatch(/A passes 75%.*defaults: success_a.*not used: B did no correct work/);
  });

  it('names the bad value', () => {
    const codeOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return isAppError(error) ? `${error.code} ${error.message}` : 'other';
      }
      return 'none';
    };
    expect(codeOf(() => simulateRatioPower({ ...request, ratio: 0 }))).toMatch(/^BAD_USAGE ratio .* got 0/);
    expect(codeOf(() => simulateRatioPower({ ...request, tasks: 2.5 }))).toMatch(/^BAD_USAGE tasks .* got 2.5/);
    expect(codeOf(() => simulateRatioPower({ ...request, assumed: { success_b: 0 } }))).toMatch(/^BAD_USAGE success_b .* got 0/);
    expect(codeOf(() => findTasksForPower(request, 1))).toMatch(/^BAD_USAGE target .* got 1/);
  });
});

describe('findTasksForPower and findDetectableRatio', () => {
  it('needs few tasks for a 2x ratio with no failures and little noise', () => {
    const found = findTasksForPower({ ...request, ratio: 2, assumed: { success_a: 1, success_b: 1, cost_sd: 0.1 } });
    // Measured: 26 tasks (power 0.865): the exact sequence wants a few tasks of evidence at any effect (the delta
    // method's single look took 3).
    expect(found.tasks).toBeLessThanOrEqual(40);
    expect(found.at.power).toBeGreaterThanOrEqual(0.8);
  });

  it('needs many more tasks for 1.2x with a quarter of arms failing than the share gap promised without failures', () => {
    const failing = findTasksForPower(request);
    const clean = findTasksForPower({ ...request, assumed: { success_a: 1, success_b: 1 } });
    // Measured: 608 tasks (power 0.80) with 25% failing arms, 342 with none (the group-sequential delta method's,
    // which this replaced and whose error ran to 6-12% on heavy tails: 312 and 192; its fixed-n figure 283).
    expect(failing.tasks).toBeGreaterThan(500);
    expect(failing.tasks).toBeLessThan(720);
    expect(failing.tasks).toBeGreaterThan(1.5 * (clean.tasks as number));
    expect(failing.at.power).toBeGreaterThanOrEqual(0.8);
    // The search's last N short of the target lies within 2% below the N found.
    const below = failing.tried.filter((step) => step.tasks < (failing.tasks as number)).sort((x, y) => y.tasks - x.tasks)[0];
    expect(below?.power).toBeLessThan(0.8);
    expect((failing.tasks as number) - (below?.tasks ?? 0)).toBeLessThanOrEqual(Math.floor(0.02 * (failing.tasks as number)));
  });

  it('says null when the price calibration alone keeps the power below the target', () => {
    // ln 1.2 / 0.15 = 1.2 SEs at any number of tasks: no N reaches 80%.
    const found = findTasksForPower({ ...request, calibrationSe: 0.15, runs: 200 });
    expect(found.tasks).toBeNull();
    // Said without searching to 5,000 tasks: one simulation at 200 shows where the power sits.
    expect(found.tried).toEqual([{ tasks: 200, power: found.at.power }]);
    expect(found.at.power).toBeLessThan(0.5);
    // A cap well above the target still searches.
    expect(findTasksForPower({ ...request, calibrationSe: 0.02, runs: 200 }).tasks).not.toBeNull();
  });

  it('tells the ratio a run of 40 tasks can tell apart, smaller with more tasks', () => {
    const at40 = findDetectableRatio(request);
    const at160 = findDetectableRatio({ ...request, tasks: 160 });
    // Measured: 2.09x at 40 tasks, 1.40x at 160.
    expect(at40.ratio).toBeGreaterThan(1.8);
    expect(at40.ratio).toBeLessThan(2.4);
    expect(at160.ratio).toBeLessThan(at40.ratio as number);
    expect(at40.at.power).toBeGreaterThanOrEqual(0.8);
    expect(findDetectableRatio({ ...request, tasks: 5, assumed: { success_a: 0.3, success_b: 0.3 } }).ratio).toBeNull();
  });
});

describe('capPowerRuns', () => {
  it('keeps every run up to 100,000 tasks drawn an estimate, fewer beyond, never below 100', () => {
    expect(capPowerRuns(400, 250)).toBe(400);
    expect(capPowerRuns(400, 500)).toBe(200);
    expect(capPowerRuns(400, 50_000)).toBe(MIN_POWER_RUNS);
    expect(capPowerRuns(50, 10)).toBe(50);
  });

  it('is the runs a large plan simulates, and says so', () => {
    const found = simulateRatioPower({ ...request, tasks: 8_000, ratio: 1.5 });
    expect(found.runs).toBe(MIN_POWER_RUNS);
  });
});
