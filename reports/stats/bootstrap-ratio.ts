// Paired bootstrap of per-arm ratios of sums (cost per success, quality per capacity) and of their ratio.
import { bootstrapStatistics, type BootstrapOptions, type BootstrapResult } from './bootstrap.js';

/** One arm's totals on one task, e.g. numerator = cost, denominator = successes (0 or 1). */
export interface RatioTerms {
  numerator: number;
  denominator: number;
}

/** One task done on both arms (A and B): the unit that is resampled, so the arms stay paired. */
export interface PairedTask {
  task_id?: string;
  a: RatioTerms;
  b: RatioTerms;
}

export interface RatioBootstrap {
  /** sum(a.numerator) / sum(a.denominator), e.g. A's cost per success. */
  a: BootstrapResult;
  /** The same for B. */
  b: BootstrapResult;
  /** a / b: above 1 when A costs more per success than B. */
  ratio: BootstrapResult;
  /** a - b, in the unit of the per-arm ratios. */
  difference: BootstrapResult;
}

/**
 * Bootstraps per-arm ratios of sums over paired tasks: each resample draws whole tasks with replacement
 * (both arms of a task together) and recomputes sum(numerator) / sum(denominator) for each arm, their
 * ratio and their difference, with percentile and BCa intervals ({@link bootstrapStatistics}). A resample
 * whose arm has a zero denominator (no success drawn) is degenerate for the statistics that need it: left
 * out and counted. Seeded: same tasks and seed give the same result. Default 10,000 resamples.
 */
export function bootstrapRatio(tasks: readonly PairedTask[], options: BootstrapOptions): RatioBootstrap {
  const n = tasks.length;
  const aNumerator = Float64Array.from(tasks, (task) => task.a.numerator);
  const aDenominator = Float64Array.from(tasks, (task) => task.a.denominator);
  const bNumerator = Float64Array.from(tasks, (task) => task.b.numerator);
  const bDenominator = Float64Array.from(tasks, (task) => task.b.denominator);
  const armA = (weights: Float64Array): number => sumWeighted(aNumerator, weights) / sumWeighted(aDenominator, weights);
  const armB = (weights: Float64Array): number => sumWeighted(bNumerator, weights) / sumWeighted(bDenominator, weights);
  const ratio = (weights: Float64Array): number => armA(weights) / armB(weights);
  const difference = (weights: Float64Array): number => armA(weights) - armB(weights);
  // Leave-one-out from the totals: each jackknife value in O(1), not a pass over the other n - 1 tasks.
  const [aN, aD, bN, bD] = [aNumerator, aDenominator, bNumerator, bDenominator].map(createLeaveOneOutSum) as [
    (i: number) => number,
    (i: number) => number,
    (i: number) => number,
    (i: number) => number,
  ];
  const leftA = (i: number): number => aN(i) / aD(i);
  const leftB = (i: number): number => bN(i) / bD(i);
  return bootstrapStatistics(n, { a: armA, b: armB, ratio, difference }, options, {
    a: leftA,
    b: leftB,
    ratio: (i) => leftA(i) / leftB(i),
    difference: (i) => leftA(i) - leftB(i),
  });
}

/**
 * The sum of `values` without the one at an index: the total less it, or, for the one value that can hold more than half
 * of a total of values >= 0, the others summed (the difference of two near-equal sums would keep only rounding).
 */
function createLeaveOneOutSum(values: Float64Array): (index: number) => number {
  const total = values.reduce((sum, v) => sum + v, 0);
  return (index) => {
    const value = values[index] as number;
    if (value <= total / 2) return total - value;
    let others = 0;
    for (let i = 0; i < values.length; i += 1) if (i !== index) others += values[i] as number;
    return others;
  };
}

/**
 * sum(weights[i] * values[i]): the weighted total a {@link WeightedStatistic} is usually built from. Not scaled:
 * nothing is squared, and n values below 1e300 sum below 1.8e308 for n up to 1e8; a ratio of two sums past the
 * double range (1e300 / 1e-300) is a real overflow, and the bootstrap says so (`note`) instead of an interval.
 */
export function sumWeighted(values: Float64Array, weights: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i += 1) sum += (weights[i] as number) * (values[i] as number);
  return sum;
}
