// The power figures a report and a plan print: the plan's own decision simulated at the relevant ratio, tasks needed, the smallest detectable ratio (pure).
import type { AnalysisPlanRow } from '../../ledger/schemas/index.js';
import type { RatioTask } from '../stats/ratio-of-sums.js';
import { compareRatioOfSums } from '../stats/ratio-of-sums.js';
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
  if (width.tasks_se !== null || width.calibration_se > 0) notes.push(describeWidth(width, input.tasks.length));
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

/** The parts of ln(ratio)'s SD now (RatioWidth): the runaway share from psi's squares on the tasks either side ran away on. */
function measureWidth(input: RatioPowerInput): RatioWidth {
  const tasks = input.tasks;
  const paired = compareRatioOfSums(tasks);
  const base = {
    tasks_se: paired.log_se,
    calibration_se: input.calibrationSe,
    calibration_ses: input.calibrationSes ?? ([input.calibrationSe, 0] as [number, number]),
  };
  if (tasks.length < 3 || paired.log_se === null) return { ...base, runaway_tasks: 0, runaway_share: 0 };
  const n = tasks.length;
  const mean = (pick: (t: (typeof tasks)[number]) => number) => tasks.reduce((sum, t) => sum + pick(t), 0) / n;
  const [qA, cA, qB, cB] = [mean((t) => t.qA), mean((t) => t.cA), mean((t) => t.qB), mean((t) => t.cB)];
  const median = (values: number[]) => {
    const sorted = [...values].sort((x, y) => x - y);
    return ((sorted[Math.floor((n - 1) / 2)] as number) + (sorted[Math.ceil((n - 1) / 2)] as number)) / 2;
  };
  const [mA, mB] = [median(tasks.map((t) => t.cA)), median(tasks.map((t) => t.cB))];
  let all = 0;
  let runaway = 0;
  let count = 0;
  for (const t of tasks) {
    const psi = (t.qA - qA) / qA - (t.cA - cA) / cA - (t.qB - qB) / qB + (t.cB - cB) / cB;
    all += psi * psi;
    if ((mA > 0 && t.cA > RUNAWAY_MULTIPLE * mA) || (mB > 0 && t.cB > RUNAWAY_MULTIPLE * mB)) {
      runaway += psi * psi;
      count += 1;
    }
  }
  return { ...base, runaway_tasks: count, runaway_share: all > 0 ? runaway / all : 0 };
}

/** ln(ratio)'s SD now, part by part, and what narrows each: the report's power section prints it. */
function describeWidth(width: RatioWidth, tasks: number): string {
  const parts: string[] = [];
  if (width.tasks_se !== null) {
    const runaway =
      width.runaway_tasks > 0 && width.runaway_share >= 0.25
        ? ` (${width.runaway_tasks} runaway task${width.runaway_tasks === 1 ? '' : 's'}, over ${RUNAWAY_MULTIPLE}x a provider's median cost, hold ${Math.round(width.runaway_share * 100)}% of it)`
        : '';
    parts.push(`${width.tasks_se.toPrecision(2)} from the ${tasks} tasks${runaway}, which shrinks as tasks are added`);
  }
  if (width.calibration_se > 0)
    parts.push(
      `${width.calibration_se.toPrecision(2)} from the prices' calibration, fixed whatever the tasks: only more bar readings narrow it`,
    );
  return `ln(ratio)'s SD now: ${parts.join('; ')}.`;
}
