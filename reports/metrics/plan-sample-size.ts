// Power of the paired comparison now and the tasks still needed for 80% power, for the relevant and the observed effect: pure.
import { isAppError } from '../../kernel/index.js';
import { computePower, type StudyDesign } from '../stats/power.js';
import { computeSampleSize, type SampleSizeResult } from '../stats/sample-size.js';
import { explainUndefinedEffect } from './plan-design-power.js';
import type { PairedComparison } from './analyze-pairs.js';

export interface PowerPlan {
  design: StudyDesign;
  /** Pairs (paired) or subjects (crossover) so far. */
  n: number;
  /** SD of a task's A - B difference (pooled within sequences for the crossover). */
  sd_difference: number | null;
  /** The smallest difference worth detecting, in efficiency units (min_effect x |mean of the reference|). */
  relevant_difference: number | null;
  reference: string;
  relevant: PlanLine | null;
  observed: PlanLine | null;
  /** The share-gap plan only: the observed |mean gap|, and the relevant effect under the plan's assumed SD. */
  observed_difference?: number | null;
  planned?: PlanLine | null;
  planned_sd?: number | null;
  notes: string[];
}

export interface PlanLine {
  /** Standardized effect d = difference / sd_difference. */
  effect: number;
  power_now: number | null;
  target_power: number;
  /** Tasks needed in all for the target power, and how many more. */
  n_needed: number | null;
  still_needed: number | null;
}

/**
 * Crossover design when the AB/BA analysis ran, else paired. The relevant difference is `minEffect` times the
 * reference's mean efficiency on the paired tasks (the reference is the baseline when it is one of the pair,
 * else B); the observed one is |mean A - B|. Sample sizes are from the noncentral t (reports/stats/sample-size.ts).
 */
export function planSampleSize(
  comparison: PairedComparison,
  options: {
    alpha: number;
    minEffect: number;
    targetPower?: number;
    baseline?: string | null;
    reference?: { provider: string; mean: number } | null;
  },
): PowerPlan {
  const design: StudyDesign = comparison.crossover ? 'crossover' : 'paired';
  const n = comparison.pairs.length;
  const sd = comparison.crossover ? comparison.crossover.pooledSdDifference : comparison.paired.sd;
  // With three or more providers the pre-registered reference may be outside the pair: its own mean is given.
  const outside =
    options.reference && options.reference.provider !== comparison.a && options.reference.provider !== comparison.b
      ? options.reference
      : null;
  const reference = outside ? outside.provider : options.baseline === comparison.a ? comparison.a : comparison.b;
  const side = reference === comparison.a ? 'a' : 'b';
  const referenceMean = outside
    ? outside.mean
    : n === 0
      ? null
      : comparison.pairs.reduce((sum, pair) => sum + (pair[side].efficiency ?? 0), 0) / n;
  const relevant = referenceMean === null ? null : Math.abs(referenceMean) * options.minEffect;
  const notes: string[] = [];
  const plan = (difference: number | null, label: string): PlanLine | null => {
    if (difference === null || sd === null) return null;
    // n/a with the reason where d is no finite number > 0 (an SD past the double range made d = 0, issue 32 item 13).
    const why = explainUndefinedEffect(difference, sd);
    if (why) {
      notes.push(`${label}: n/a, ${why}`);
      return null;
    }
    return planLine(design, difference / sd, n, options.alpha, options.targetPower ?? 0.8, (note) => notes.push(`${label}: ${note}`));
  };
  const observedMean = comparison.paired.mean;
  return {
    design,
    n,
    sd_difference: sd,
    relevant_difference: relevant,
    reference,
    relevant: plan(relevant, 'relevant effect'),
    observed: plan(observedMean === null ? null : Math.abs(observedMean), 'observed effect'),
    notes,
  };
}

function planLine(design: StudyDesign, effect: number, n: number, alpha: number, target: number, note: (text: string) => void): PlanLine {
  let size: SampleSizeResult | null = null;
  try {
    size = computeSampleSize({ design, effect, power: target, alpha, currentN: n });
  } catch (error) {
    if (!isAppError(error)) throw error;
    note(error.message);
  }
  let powerNow = size?.current_power ?? null;
  if (powerNow === null && size === null && n >= 3) {
    try {
      powerNow = computePower({ design, effect, n, alpha }).power;
    } catch (error) {
      if (!isAppError(error)) throw error;
    }
  }
  return { effect, power_now: powerNow, target_power: target, n_needed: size?.n ?? null, still_needed: size?.still_needed ?? null };
}
