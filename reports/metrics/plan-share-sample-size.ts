// Power now and tasks needed for the primary analysis itself: a pair's share-gap crossover at the Holm level alpha / m: pure.
import { computeGapPower, computePowerOnSplit, findTasksNeeded } from './pair-power.js';
import type { ShareGapPair } from './pair-share-gaps.js';
import type { PlanLine, PowerPlan } from './plan-sample-size.js';

export interface SharePowerOptions {
  alpha: number;
  /** Pairs in the plan: the smallest Holm-adjusted p must clear alpha / m. */
  pairs: number;
  /** The relevant relative difference (0.2: 20% more work per unit), as a share gap r / (2 + r). */
  minEffect: number;
  targetPower?: number;
  /** The SD of a task's share gap the plan assumed before the run (the analysis row's planning_sd), if any. */
  plannedSd?: number | null | undefined;
}

/**
 * The relevant line is {@link computeGapPower}'s (the figure G1 and the preview print for this pair); the planned
 * line is the same test under the SD the plan assumed before its first arm, so the report repeats the promise the
 * run made for the same assumption; the observed line plans on |mean gap|, shown for contrast only.
 */
export function planShareSampleSize(pair: ShareGapPair, options: SharePowerOptions): PowerPlan {
  const target = options.targetPower ?? 0.8;
  const power = computeGapPower(pair, {
    alpha: options.alpha,
    minEffect: options.minEffect,
    pairs: Math.max(1, options.pairs),
    targetPower: target,
  });
  const n = power.n_tasks;
  const split = power.sequences.AB > 0 && power.sequences.BA > 0 ? power.sequences : null;
  const line = (difference: number | null, sd: number | null): PlanLine | null => {
    if (difference === null || sd === null || !(sd > 0) || !(difference > 0)) return null;
    const effect = difference / sd;
    const needed = findTasksNeeded(effect, { targetPower: target }, power.alpha_adjusted);
    return {
      effect,
      power_now: split && n >= 3 ? computePowerOnSplit(effect, split, power.alpha_adjusted) : null,
      target_power: target,
      n_needed: needed,
      still_needed: needed === null ? null : Math.max(0, needed - n),
    };
  };
  const mean = n === 0 ? null : Math.abs(pair.tasks.reduce((sum, task) => sum + task.gap, 0) / n);
  const planned = options.plannedSd ?? null;
  return {
    design: 'crossover',
    n,
    sd_difference: power.sd_gap,
    relevant_difference: power.gap,
    reference: pair.b,
    relevant: line(power.gap, power.sd_gap),
    observed: line(mean, power.sd_gap),
    observed_difference: mean,
    planned: line(power.gap, planned),
    planned_sd: planned,
    notes: power.na ? [`power n/a: ${power.na}`] : [],
  };
}
