// Percentile and BCa intervals from sorted bootstrap replicates and jackknife values (Efron & Tibshirani 1993).
import jStat from 'jstat';
import { computePowerOfTwoScale } from './scaled-moments.js';

export interface BcaInterval {
  low: number;
  high: number;
  /** Bias correction z0 = Phi^-1(share of replicates below the estimate, ties counted half). */
  z0: number;
  /** Jackknife acceleration a. */
  acceleration: number;
  /** The replicate quantiles used for the bounds (alpha/2 and 1 - alpha/2 for the percentile interval). */
  quantiles: [number, number];
}

/**
 * The p-quantile of ascending `sorted` with linear interpolation between order statistics (Hyndman &
 * Fan type 7, R's default): index h = (m - 1) p. Null for an empty array. An order statistic hit exactly is
 * returned as is (so an infinite neighbour cannot turn it into NaN), and a gap past the double range
 * (-1e308 to 1e308) is interpolated as low (1 - f) + high f instead of overflowing.
 */
export function interpolateSortedQuantile(sorted: Float64Array, p: number): number | null {
  const m = sorted.length;
  if (m === 0) return null;
  const h = (m - 1) * Math.min(1, Math.max(0, p));
  const below = Math.floor(h);
  const low = sorted[below] as number;
  const high = sorted[Math.min(m - 1, below + 1)] as number;
  const fraction = h - below;
  if (fraction === 0 || low === high) return low;
  const gap = high - low;
  return Number.isFinite(gap) ? low + fraction * gap : low * (1 - fraction) + high * fraction;
}

/**
 * The percentile interval (Efron & Tibshirani 1993, ch. 13): the alpha/2 and 1 - alpha/2 quantiles of the
 * replicates, alpha = 1 - confidence. `sorted` must be ascending and finite. Null when it is empty.
 */
export function computePercentileInterval(sorted: Float64Array, confidence: number): { low: number; high: number } | null {
  const alpha = 1 - confidence;
  const low = interpolateSortedQuantile(sorted, alpha / 2);
  const high = interpolateSortedQuantile(sorted, 1 - alpha / 2);
  return low === null || high === null ? null : { low, high };
}

/**
 * The jackknife acceleration a = sum (mean - t_i)^3 / (6 [sum (mean - t_i)^2]^(3/2)) from the
 * leave-one-out values t_i (Efron & Tibshirani 1993, eq. 14.15). 0 when all t_i are equal. a does not change
 * when every deviation is divided by the same number, so they are divided by a power of two near the largest:
 * squares and cubes of deviations near 1e-160 would underflow to 0 (0 / 0), near 1e110 overflow (inf / inf).
 */
export function computeJackknifeAcceleration(jackknife: ArrayLike<number>): number {
  const n = jackknife.length;
  let largest = 0;
  for (let i = 0; i < n; i += 1) largest = Math.max(largest, Math.abs(jackknife[i] as number));
  const scale = computePowerOfTwoScale(largest);
  let mean = 0;
  for (let i = 0; i < n; i += 1) mean += (jackknife[i] as number) / scale;
  mean /= n;
  let largestDeviation = 0;
  for (let i = 0; i < n; i += 1) largestDeviation = Math.max(largestDeviation, Math.abs(mean - (jackknife[i] as number) / scale));
  const deviationScale = computePowerOfTwoScale(largestDeviation);
  let squares = 0;
  let cubes = 0;
  for (let i = 0; i < n; i += 1) {
    const deviation = (mean - (jackknife[i] as number) / scale) / deviationScale;
    squares += deviation * deviation;
    cubes += deviation * deviation * deviation;
  }
  return squares > 0 ? cubes / (6 * squares ** 1.5) : 0;
}

/**
 * The BCa interval (Efron 1987; Efron & Tibshirani 1993, ch. 14.3): the replicate quantiles at
 * alpha_1,2 = Phi(z0 + (z0 + z_q) / (1 - a (z0 + z_q))) for q = alpha/2 and 1 - alpha/2, with bias
 * correction z0 (share of replicates below `estimate`, ties counted half, as SciPy does) and jackknife
 * acceleration a. Null when z0 is infinite (every replicate on one side of the estimate) or the
 * adjustment breaks down (1 - a (z0 + z_q) <= 0). `sorted` must be ascending and finite.
 */
export function computeBcaInterval(
  sorted: Float64Array,
  estimate: number,
  jackknife: ArrayLike<number>,
  confidence: number,
): BcaInterval | null {
  const m = sorted.length;
  if (m === 0 || !Number.isFinite(estimate)) return null;
  let below = 0;
  let ties = 0;
  for (let i = 0; i < m; i += 1) {
    const value = sorted[i] as number;
    if (value < estimate) below += 1;
    else if (value === estimate) ties += 1;
    else break;
  }
  const share = (below + ties / 2) / m;
  if (share <= 0 || share >= 1) return null;
  const z0 = jStat.normal.inv(share, 0, 1);
  const acceleration = computeJackknifeAcceleration(jackknife);
  const alpha = 1 - confidence;
  const adjust = (q: number): number | null => {
    const z = z0 + jStat.normal.inv(q, 0, 1);
    const denominator = 1 - acceleration * z;
    return denominator > 0 ? jStat.normal.cdf(z0 + z / denominator, 0, 1) : null;
  };
  const lowQ = adjust(alpha / 2);
  const highQ = adjust(1 - alpha / 2);
  if (lowQ === null || highQ === null) return null;
  return {
    low: interpolateSortedQuantile(sorted, lowQ) as number,
    high: interpolateSortedQuantile(sorted, highQ) as number,
    z0,
    acceleration,
    quantiles: [lowQ, highQ],
  };
}
