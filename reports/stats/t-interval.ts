// Student t confidence interval for a mean, with the relative width the gates compare (ci_width).
import { computeStudentTQuantile } from './student-t.js';

/** Below this many values there is no interval: the tool prints `ci=n/a`. */
export const MIN_INTERVAL_N = 3;

export interface TInterval {
  n: number;
  /** null for an empty sample. */
  mean: number | null;
  /** Sample SD with the n - 1 divisor; null below 2 values. */
  sd: number | null;
  /** Standard error sd / sqrt(n); null below 2 values. */
  se: number | null;
  /** n - 1. */
  df: number;
  confidence: number;
  /** t_{1 - (1 - confidence)/2, df}; null below 3 values. */
  t_critical: number | null;
  /** Interval bounds, null below 3 values (`ci=n/a`). */
  low: number | null;
  high: number | null;
  /** mean / se, the one-sample t statistic against 0; null below 2 values or when se is 0. */
  t_statistic: number | null;
  /** Relative width (high - low) / |mean|; null without an interval or when the mean is 0. */
  ci_width: number | null;
}

/**
 * The two-sided Student t interval mean ± t_{1-(1-confidence)/2, n-1} · s / sqrt(n), with s the sample
 * SD (n - 1 divisor, never the population SD). Bounds are null below 3 values, where the tool prints
 * `ci=n/a`; `ci_width` = (high - low) / |mean| is null then and when the mean is 0. Non-finite values
 * are the caller's to exclude (they make every figure NaN). The mean and SD use a two-pass sum.
 */
export function computeTInterval(values: readonly number[], confidence = 0.95): TInterval {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const n = values.length;
  const base: TInterval = { n, mean: null, sd: null, se: null, df: Math.max(0, n - 1), confidence, t_critical: null, t_statistic: null, low: null, high: null, ci_width: null };
  if (n === 0) return base;
  let sum = 0;
  for (const value of values) sum += value;
  const mean = sum / n;
  if (n < 2) return { ...base, mean };
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  const sd = Math.sqrt(squares / (n - 1));
  const se = sd / Math.sqrt(n);
  const t_statistic = se > 0 ? mean / se : null;
  if (n < MIN_INTERVAL_N) return { ...base, mean, sd, se, t_statistic };
  const t_critical = computeStudentTQuantile(1 - (1 - confidence) / 2, n - 1);
  const low = mean - t_critical * se;
  const high = mean + t_critical * se;
  return { ...base, mean, sd, se, t_critical, t_statistic, low, high, ci_width: mean === 0 ? null : (high - low) / Math.abs(mean) };
}
