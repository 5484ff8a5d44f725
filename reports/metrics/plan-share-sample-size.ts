// Power now and tasks needed for the primary analysis itself: a pair's share-gap crossover at the Holm level alpha / m: pure.
import { convertRelativeToGap } from '../stats/efficiency-share.js';
import { analyzeCrossover } from '../stats/crossover-grizzle.js';
import { toShareSubjects, type ShareGapPair } from './pair-share-gaps.js';
import { planLine, type PowerPlan } from './plan-sample-size.js';

export interface SharePowerOptions {
  alpha: number;
  /** Pairs in the plan: the smallest Holm-adjusted p must clear alpha / m. */
  pairs: number;
  /** The relevant relative difference (0.2: 20% more work per unit), as a share gap r / (2 + r). */
  minEffect: number;
  targetPower?: number;
  /** SD of D to plan with when the pair has too few tasks (the planning assumption), else null. */
  plannedSd?: number | null;
}

/**
 * The crossover's SD of D = y1 - y2 (D is the first provider's share gap) pooled within the two orders, the
 * relevant gap r / (2 + r), and the noncentral-t power of the two-sided test at alpha / m (Bonferroni: the
 * level Holm's first step uses), so "tasks needed" is for the analysis the verdict rests on. With `plannedSd`
 * the same calculation gives the figure promised before the run for the same assumptions.
 */
export function planShareSampleSize(pair: ShareGapPair, options: SharePowerOptions): PowerPlan {
  const alpha = options.alpha / Math.max(1, options.pairs);
  const n = pair.tasks.length;
  const ab = pair.tasks.filter((task) => task.sequence === 'AB').length;
  const ready = ab >= 1 && n - ab >= 1 && n >= 3;
  const observedSd = ready ? analyzeCrossover(toShareSubjects(pair), { alpha: options.alpha }).pooledSdDifference : null;
  const sd = observedSd !== null && observedSd > 0 ? observedSd : null;
  const relevant = convertRelativeToGap(options.minEffect);
  const notes: string[] = [];
  const line = (difference: number | null, label: string) =>
    difference === null || sd === null || !(sd > 0) || !(difference > 0)
      ? null
      : planLine('crossover', difference / sd, n, alpha, options.targetPower ?? 0.8, (note) => notes.push(`${label}: ${note}`));
  const mean = n === 0 ? null : Math.abs(pair.tasks.reduce((sum, task) => sum + task.gap, 0) / n);
  const planned = options.plannedSd ?? null;
  const plannedLine =
    planned !== null && planned > 0 && relevant > 0
      ? planLine('crossover', relevant / planned, n, alpha, options.targetPower ?? 0.8, (note) => notes.push(`planned SD: ${note}`))
      : null;
  return {
    observed_difference: mean,
    planned: plannedLine,
    planned_sd: planned,
    design: 'crossover',
    n,
    sd_difference: sd,
    relevant_difference: relevant,
    reference: pair.b,
    relevant: line(relevant, 'relevant effect'),
    observed: line(mean, 'observed effect'),
    notes,
  };
}
