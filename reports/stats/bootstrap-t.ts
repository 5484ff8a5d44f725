// Studentized (bootstrap-t) interval for a mean: closer to its nominal coverage than the t or BCa interval on small skewed samples.
import type { BootstrapOptions } from './bootstrap.js';
import { interpolateSortedQuantile } from './bootstrap-intervals.js';
import { computePowerOfTwoScale, computeScaledMoments } from './scaled-moments.js';
import { createSeededRandom, drawResampleWeights } from './seeded-random.js';
import { clampToSupport } from './t-interval.js';

/** Below this many values no bootstrap-t: at n = 4, 1 resample in 64 draws one value only (SD 0, t* infinite). */
export const MIN_BOOTSTRAP_T_N = 5;

export interface BootstrapTInterval {
  n: number;
  /** null when `na` is set. */
  low: number | null;
  high: number | null;
  confidence: number;
  resamples: number;
  seed: string;
  /** Resamples that drew a single value (SD 0): their t* is ±Infinity, kept in the distribution (dropping them would narrow it). */
  unbounded: number;
  /** Why there is no interval. */
  na: string | null;
  /** A bound fell below `lowerLimit` and was moved onto it (the mean of non-negative values cannot be negative). */
  clamped: boolean;
}

export interface BootstrapTOptions extends BootstrapOptions {
  /**
   * The least value the mean can take (0 for non-negative data such as efficiencies). The studentized bootstrap
   * can put a bound below it: on zero-inflated data a resample without zeros has a tiny SE, its t* is huge, and
   * the lower bound lands far below 0 (sim-codex's [-13.99, 12.71]). Such a bound is moved onto
   * the limit and `clamped` says so; the coverage is unchanged (see clampToSupport).
   */
  lowerLimit?: number;
}

/**
 * The bootstrap-t interval of a mean (Efron & Tibshirani 1993, ch. 12.5; Davison & Hinkley 1997, 5.2.1): each
 * resample gives t* = (mean* - mean) / (s* / sqrt(n)), and the interval is [mean - q*_{1-a/2} se, mean - q*_{a/2} se]
 * with q* the quantiles of t* (type 7) and se = s / sqrt(n). The plug-in SE of the mean needs no inner bootstrap.
 * Unlike the t interval it takes its skewness from the data (a long right tail widens the upper side); it is second-
 * order accurate where the t, percentile and BCa intervals of a mean on a small skewed sample are not much better than
 * first order in practice (measured in docs/reports.md, "How honest are the intervals"). Seeded (xor4096): same values
 * and seed, same interval. Computed on values divided by a power of two near the largest, so it holds from 1e-300 to 1e300.
 */
export function computeBootstrapTInterval(values: readonly number[], options: BootstrapTOptions): BootstrapTInterval {
  const resamples = options.resamples ?? 10_000;
  const confidence = options.confidence ?? 0.95;
  if (!(Number.isInteger(resamples) && resamples >= 1)) throw new RangeError(`resamples must be a whole number >= 1, got ${resamples}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const n = values.length;
  const base = { n, low: null, high: null, confidence, resamples: 0, seed: String(options.seed), unbounded: 0, clamped: false };
  if (n < MIN_BOOTSTRAP_T_N) return { ...base, na: `fewer than ${MIN_BOOTSTRAP_T_N} values` };
  const moments = computeScaledMoments(values);
  if (moments.na !== null) return { ...base, na: moments.na };
  if (moments.sd === 0) return { ...base, na: `no variation: all ${n} values are equal (SD 0)` };
  let largest = 0;
  for (const value of values) largest = Math.max(largest, Math.abs(value));
  const scale = computePowerOfTwoScale(largest);
  const scaled = Float64Array.from(values, (value) => value / scale);
  const mean = (moments.mean as number) / scale;
  const se = (moments.sd as number) / scale / Math.sqrt(n);
  const { replicates, unbounded } = drawStudentizedReplicates(scaled, mean, resamples, options.seed);
  const alpha = 1 - confidence;
  const lowQuantile = interpolateSortedQuantile(replicates, alpha / 2) as number;
  const highQuantile = interpolateSortedQuantile(replicates, 1 - alpha / 2) as number;
  const done = { ...base, resamples, unbounded };
  if (!Number.isFinite(lowQuantile) || !Number.isFinite(highQuantile)) {
    return { ...done, na: `unbounded: ${unbounded} of ${resamples} resamples drew a single value, more than the ${alpha / 2} tail` };
  }
  const low = (mean - highQuantile * se) * scale;
  const high = (mean - lowQuantile * se) * scale;
  if (!Number.isFinite(low) || !Number.isFinite(high))
    return { ...done, na: 'the interval bounds are beyond the double range (about ±1.8e308)' };
  if (options.lowerLimit === undefined) return { ...done, low, high, na: null };
  return { ...done, ...clampToSupport(low, high, options.lowerLimit), na: null };
}

/** The sorted t* of `resamples` resamples of `scaled` (values near 1), and how many were ±Infinity. */
function drawStudentizedReplicates(
  scaled: Float64Array,
  mean: number,
  resamples: number,
  seed: string | number,
): { replicates: Float64Array; unbounded: number } {
  const n = scaled.length;
  const random = createSeededRandom(seed);
  const weights = new Float64Array(n);
  const replicates = new Float64Array(resamples);
  let unbounded = 0;
  for (let r = 0; r < resamples; r += 1) {
    drawResampleWeights(random, weights);
    let sum = 0;
    for (let i = 0; i < n; i += 1) sum += (weights[i] as number) * (scaled[i] as number);
    const resampleMean = sum / n;
    let squares = 0;
    for (let i = 0; i < n; i += 1) squares += (weights[i] as number) * ((scaled[i] as number) - resampleMean) ** 2;
    const resampleSe = Math.sqrt(squares / (n - 1) / n);
    const gap = resampleMean - mean;
    if (resampleSe > 0) replicates[r] = gap / resampleSe;
    else {
      replicates[r] = gap > 0 ? Infinity : gap < 0 ? -Infinity : 0;
      if (gap !== 0) unbounded += 1;
    }
  }
  replicates.sort();
  return { replicates, unbounded };
}
