// Running mean and variance (Welford) and a Student t interval: one pass, constant memory.
import jStat from 'jstat';

export interface RunningStats {
  n: number;
  mean: number;
  /** Sum of squared deviations from the mean. */
  m2: number;
}

export function createRunningStats(): RunningStats {
  return { n: 0, mean: 0, m2: 0 };
}

export function addSample(stats: RunningStats, value: number): void {
  stats.n += 1;
  const delta = value - stats.mean;
  stats.mean += delta / stats.n;
  stats.m2 += delta * (value - stats.mean);
}

export interface MeanInterval {
  low: number;
  high: number;
  /** (high - low) / |mean|, the relative width the gates compare with 0.30. */
  width: number | null;
}

/** Two-sided Student t interval on the mean; null below 3 samples, where the tool prints `ci=n/a`. */
export function computeMeanInterval(stats: RunningStats, confidence = 0.95): MeanInterval | null {
  if (stats.n < 3) return null;
  const sd = Math.sqrt(stats.m2 / (stats.n - 1));
  const half = jStat.studentt.inv(1 - (1 - confidence) / 2, stats.n - 1) * (sd / Math.sqrt(stats.n));
  const low = stats.mean - half;
  const high = stats.mean + half;
  return { low, high, width: stats.mean === 0 ? null : (high - low) / Math.abs(stats.mean) };
}
