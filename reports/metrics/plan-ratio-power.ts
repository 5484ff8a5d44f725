// The power figures a report and a plan print: the plan's own decision simulated at the relevant ratio, tasks needed, the smallest detectable ratio (pure).
import type { AnalysisPlanRow } from '../../ledger/schemas/index.js';
import type { RatioTask } from '../stats/ratio-of-sums.js';
import type { RatioPowerPlan } from './ratio-power-plan.js';
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
  planned: number;
  calibrationSe: number;
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
 * 80% for. All through the plan's own looks, boundaries, alpha / pairs and calibration widening.
 */
export function planRatioPower(input: RatioPowerInput): RatioPowerPlan {
  const relevant = 1 + input.minEffect;
  const base = {
    alpha: input.alpha,
    providers: input.providers,
    minEffect: input.minEffect,
    enabled: input.enabled,
    calibrationSe: input.calibrationSe,
    runs: input.runs,
    seed: input.seed,
    observed: input.tasks.length > 0 ? input.tasks : null,
  };
  const now = simulateRatioPower({ ...base, ratio: relevant, tasks: input.planned });
  const needed = findTasksForPower({ ...base, ratio: relevant }, TARGET_POWER);
  const detectable = findDetectableRatio({ ...base, tasks: input.planned }, TARGET_POWER);
  const notes: string[] = [];
  if (input.calibrationSe > 0)
    notes.push(
      `The prices' calibration adds an SD of ${input.calibrationSe.toPrecision(2)} to ln(ratio) whatever the task count: it caps the power more tasks can buy; longer runs or passive bar readings narrow it.`,
    );
  return {
    pair: input.pair,
    tasks: input.tasks.length,
    planned: input.planned,
    relevant_ratio: relevant,
    target: TARGET_POWER,
    model: describeTaskModel(now.model),
    power_planned: now.power,
    mc_error: now.power_se,
    tasks_for_power: needed.tasks,
    still_needed: needed.tasks === null ? null : needed.tasks - input.tasks.length,
    detectable_ratio: detectable.ratio,
    promised: input.promised,
    notes,
  };
}
