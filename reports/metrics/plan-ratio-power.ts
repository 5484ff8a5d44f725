// The power figures a report and a plan print: the plan's own decision simulated at the relevant ratio, tasks needed, the smallest detectable ratio (pure).
import type { AnalysisPlanRow } from '../../ledger/schemas/index.js';
import type { RatioTask } from '../stats/ratio-of-sums.js';
import type { RatioPowerPlan, RatioWidth } from './ratio-power-plan.js';
import { RUNAWAY_MULTIPLE } from './summarize-typical-task.js';
import { describeTaskModel } from './ratio-power-model.js';
import { findDetectableRatio, findTasksForPower, simulateRatioPower } from './simulate-ratio-power.js';

export interface RatioPowerInput {
  /** The contest, best first, and its tasks so far oriented that way (qA, cA for the first). */
  pair: [string, string];
  tasks: readonly RatioTask[];
  alpha: number;
  providers: number;
  minEffect: number;
  enabled: boolean;
  /** The contest's task budgets in its tasks' dollars (first, second); null: none registered (each side's dearest arm). */
  budget: { a: number; b: number } | null;
  planned: number;
  calibrationSe: number;
  /** Each provider's calibration SE, the pair's order (their hypot is calibrationSe). */
  calibrationSes?: [number, number] | undefined;
  /** Simulated runs per figure (400: about +-2% of power); the same seed gives the same figures. */
  runs: number;
  seed: string;
  promised: AnalysisPlanRow['planning'] | null;
}

/** The target power of "tasks needed" and "detectable ratio" (Cohen's conventional 80%). */
export const TARGET_POWER = 0.8;

/**
 * Three figures from one model: the pair's tasks resampled when it has any (keeping their failures, cost skew and
 * pairing), else the printed assumption (ratio-power-model.ts). Power at the relevant ratio with the planned tasks;
 * the planned tasks that reach 80% (and how many beyond the tasks done); the smallest ratio the planned tasks reach
 * 80% for. All through the plan's own sequence (its line form), alpha / pairs, task budgets and calibration widening.
 */
export function planRatioPower(input: RatioPowerInput): RatioPowerPlan {
  const relevant = 1 + input.minEffect;
  const base = {
    alpha: input.alpha,
    providers: input.providers,
    minEffect: input.minEffect,
    enabled: input.enabled,
    budget: input.budget,
    calibrationSe: input.calibrationSe,
    runs: input.runs,
    seed: input.seed,
    observed: input.tasks.length > 0 ? input.tasks : null,
  };
  const now = simulateRatioPower({ ...base, ratio: relevant, tasks: input.planned });
  // The same runs with no difference at all: a decision that names the leader as often there has no power, only error.
  const none = simulateRatioPower({ ...base, ratio: 1, tasks: input.planned });
  const needed = findTasksForPower({ ...base, ratio: relevant }, TARGET_POWER);
  const detectable = findDetectableRatio({ ...base, tasks: input.planned }, TARGET_POWER);
  const width = measureWidth(input);
  const notes: string[] = [];
  return {
    pair: input.pair,
    tasks: input.tasks.length,
    planned: input.planned,
    relevant_ratio: relevant,
    target: TARGET_POWER,
    model: describeTaskModel(now.model),
    power_planned: now.power,
    mc_error: now.power_se,
    null_rate: none.power,
    no_real_power: now.power - none.power <= 2 * Math.hypot(now.power_se, none.power_se),
    tasks_for_power: needed.tasks,
    // Beyond the planned tasks and those done, never below 0: 33 needed of 40 planned is none beyond (it printed 24,
    // counting from the tasks done only; a negative count said so on 8d1aeb7: -4938).
    still_needed: needed.tasks === null ? null : Math.max(0, needed.tasks - Math.max(input.planned, input.tasks.length)),
    limit: needed.tasks !== null ? null : needed.limit,
    width,
    detectable_ratio: detectable.ratio,
    promised: input.promised,
    notes,
  };
}

/** What widens the sequence besides the tasks (RatioWidth): the prices' calibration, and the tasks with a runaway arm. */
function measureWidth(input: RatioPowerInput): RatioWidth {
  const tasks = input.tasks;
  const base = {
    calibration_se: input.calibrationSe,
    calibration_ses: input.calibrationSes ?? ([input.calibrationSe, 0] as [number, number]),
  };
  if (tasks.length < 3) return { ...base, runaway_tasks: 0 };
  const median = (values: number[]) => {
    const sorted = [...values].sort((x, y) => x - y);
    const n = sorted.length;
    return ((sorted[Math.floor((n - 1) / 2)] as number) + (sorted[Math.ceil((n - 1) / 2)] as number)) / 2;
  };
  const [mA, mB] = [median(tasks.map((t) => t.cA)), median(tasks.map((t) => t.cB))];
  const runaway = (cost: number, typical: number, budget: number | undefined) =>
    (typical > 0 && cost > RUNAWAY_MULTIPLE * typical) || (budget !== undefined && cost >= budget);
  const count = tasks.filter((t) => runaway(t.cA, mA, input.budget?.a) || runaway(t.cB, mB, input.budget?.b)).length;
  return { ...base, runaway_tasks: count };
}
