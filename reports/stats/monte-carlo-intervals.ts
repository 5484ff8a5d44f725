// Monte Carlo error of a simulation's figures: Wilson intervals for rates, Student t intervals for means: pure.
import jStat from 'jstat';
import { computeTInterval } from './t-interval.js';

/** A rate over replicates with its 95% Wilson interval. */
export interface RateInterval {
  count: number;
  rate: number;
  low: number;
  high: number;
}

/** A mean over replicates with its 95% Student t interval. */
export interface MonteCarloMean {
  mean: number;
  low: number;
  high: number;
}

/** The confidence of every Monte Carlo interval a simulation reports. */
export const MONTE_CARLO_CONFIDENCE = 0.95;

/**
 * `count` of `total` with the Wilson score interval (p + z^2/2n ± z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n),
 * which stays inside [0, 1] and keeps its coverage near 0 and 1, where false-stop rates live (Wilson 1927;
 * Brown, Cai & DasGupta, "Interval estimation for a binomial proportion", Statistical Science 2001).
 */
export function computeWilsonInterval(count: number, total: number, confidence = MONTE_CARLO_CONFIDENCE): RateInterval {
  if (total <= 0) return { count, rate: Number.NaN, low: Number.NaN, high: Number.NaN };
  const z = jStat.normal.inv(1 - (1 - confidence) / 2, 0, 1);
  const p = count / total;
  const z2n = (z * z) / total;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / total + z2n / (4 * total))) / (1 + z2n);
  // At 0 (or all) of n the Wilson bound is exactly 0 (or 1); rounding would leave 1e-19.
  return { count, rate: p, low: count === 0 ? 0 : Math.max(0, centre - half), high: count === total ? 1 : Math.min(1, centre + half) };
}

/** The mean of `values` with its Student t interval (the bounds are the mean itself when every value is equal, NaN below 3 values). */
export function computeMonteCarloMean(values: readonly number[], confidence = MONTE_CARLO_CONFIDENCE): MonteCarloMean {
  const interval = computeTInterval(values, confidence);
  const mean = interval.mean ?? Number.NaN;
  return { mean, low: interval.low ?? Number.NaN, high: interval.high ?? Number.NaN };
}
