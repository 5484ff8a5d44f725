// Running mean and variance (Welford, on values divided by a running power-of-two scale) and a Student t interval: one pass, constant memory.
import { computePowerOfTwoScale } from './stats/scaled-moments.js';
import { computeStudentTQuantile } from './stats/student-t.js';

export interface RunningStats {
  n: number;
  mean: number;
  /** Sum of squared deviations from the mean; Infinity (or 0) once it leaves the double range: read the SD with computeRunningSd. */
  m2: number;
  /** The power of two at or below the largest |value| so far: the unit `scaledMean` and `scaledM2` are kept in. */
  scale: number;
  scaledMean: number;
  /** m2 / scale^2, which stays near the data's spread squared in units of the scale, so it never overflows. */
  scaledM2: number;
  /** Why the statistics are not numbers: the first NaN or infinite value added, else null. */
  na: string | null;
}

export function createRunningStats(): RunningStats {
  return { n: 0, mean: 0, m2: 0, scale: 1, scaledMean: 0, scaledM2: 0, na: null };
}

/**
 * Welford's update (Knuth TAOCP vol. 2, 4.2.2) on value / scale. When a value is larger than the scale, the scale
 * grows to the power of two at or below it and the kept mean and M2 are divided by the change (exact: powers of
 * two), so values near 1e300 do not overflow M2 (~1e600) and values near 1e-300 do not underflow it (~1e-600).
 */
export function addSample(stats: RunningStats, value: number): void {
  stats.n += 1;
  if (stats.na === null && !Number.isFinite(value)) stats.na = `value ${stats.n} is ${value}`;
  if (stats.na !== null) {
    stats.mean = Number.NaN;
    stats.m2 = Number.NaN;
    return;
  }
  const size = Math.abs(value);
  // All earlier values 0 (mean and M2 0): the scale was never set by a non-zero value, so take this one's.
  if (stats.n === 1 || size > 2 * stats.scale || (size > 0 && stats.scaledMean === 0 && stats.scaledM2 === 0)) {
    const scale = computePowerOfTwoScale(size);
    const ratio = stats.n === 1 ? 1 : stats.scale / scale;
    stats.scaledMean *= ratio;
    // Two products, not ratio^2: after zeros the ratio exceeds 1 and its square can overflow (0 x Infinity = NaN).
    stats.scaledM2 = stats.scaledM2 * ratio * ratio;
    stats.scale = scale;
  }
  const scaled = value / stats.scale;
  const delta = scaled - stats.scaledMean;
  stats.scaledMean += delta / stats.n;
  stats.scaledM2 += delta * (scaled - stats.scaledMean);
  stats.mean = stats.scaledMean * stats.scale;
  stats.m2 = stats.scaledM2 * stats.scale * stats.scale;
}

/** The sample SD (n - 1 divisor) from the scaled M2; null below 2 values or after a NaN or infinite value. */
export function computeRunningSd(stats: RunningStats): number | null {
  if (stats.n < 2 || stats.na !== null) return null;
  const sd = Math.sqrt(stats.scaledM2 / (stats.n - 1)) * stats.scale;
  return Number.isFinite(sd) ? sd : null;
}

export interface MeanInterval {
  /** null when `na` is set. */
  low: number | null;
  high: number | null;
  /** (high - low) / |mean|, the relative width the gates compare with 0.30. */
  width: number | null;
  /** Why there is no interval although there are 3 values or more: a NaN or infinite value, no variation, bounds past the double range. */
  na: string | null;
}

/** Two-sided Student t interval on the mean; null below 3 samples, where the tool prints `ci=n/a`. */
export function computeMeanInterval(stats: RunningStats, confidence = 0.95): MeanInterval | null {
  if (stats.n < 3) return null;
  const none = { low: null, high: null, width: null };
  if (stats.na !== null) return { ...none, na: stats.na };
  const scaledSd = Math.sqrt(stats.scaledM2 / (stats.n - 1));
  if (scaledSd === 0) return { ...none, na: `no variation: all ${stats.n} values are equal (SD 0), so an interval would have zero width` };
  const critical = computeStudentTQuantile(1 - (1 - confidence) / 2, stats.n - 1);
  const scaledHalf = (critical * scaledSd) / Math.sqrt(stats.n);
  const low = (stats.scaledMean - scaledHalf) * stats.scale;
  const high = (stats.scaledMean + scaledHalf) * stats.scale;
  if (!Number.isFinite(low) || !Number.isFinite(high))
    return { ...none, na: 'the interval bounds are beyond the double range (about ±1.8e308)' };
  return { low, high, width: stats.scaledMean === 0 ? null : (2 * scaledHalf) / Math.abs(stats.scaledMean), na: null };
}
