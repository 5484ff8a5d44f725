// Student t confidence interval for a mean, with the relative width the gates compare (ci_width).
import { computeScaledMoments } from './scaled-moments.js';
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
  /**
   * Why figures the sample size allows are missing (printed `n/a (reason)`): a value that is NaN or infinite, no
   * variation (SD 0: a zero-width interval would look exact), or bounds past the double range. null otherwise,
   * also below 3 values, where the missing interval is the documented `ci=n/a`.
   */
  na: string | null;
}

/**
 * The two-sided Student t interval mean ± t_{1-(1-confidence)/2, n-1} · s / sqrt(n), with s the sample
 * SD (n - 1 divisor, never the population SD). Bounds are null below 3 values, where the tool prints
 * `ci=n/a`; `ci_width` = (high - low) / |mean| is null then and when the mean is 0. A NaN or infinite value,
 * an SD of 0 or bounds past the double range leave the figures they spoil null and say why in `na`. Mean, SD,
 * t and ci_width come from {@link computeScaledMoments}, so they hold from 1e-300 to 1e300.
 */
export function computeTInterval(values: readonly number[], confidence = 0.95): TInterval {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const n = values.length;
  const base: TInterval = {
    n,
    mean: null,
    sd: null,
    se: null,
    df: Math.max(0, n - 1),
    confidence,
    t_critical: null,
    t_statistic: null,
    low: null,
    high: null,
    ci_width: null,
    na: null,
  };
  const moments = computeScaledMoments(values);
  if (moments.na !== null) return { ...base, mean: moments.mean, na: moments.na };
  if (moments.mean === null) return base;
  const mean = moments.mean;
  if (moments.sd === null) return { ...base, mean };
  const sd = moments.sd;
  const se = sd / Math.sqrt(n);
  const t_statistic = moments.t;
  const flat = sd === 0 ? `no variation: all ${n} values are equal (SD 0), so an interval would have zero width` : null;
  if (n < MIN_INTERVAL_N || flat) return { ...base, mean, sd, se, t_statistic, na: flat };
  const t_critical = computeStudentTQuantile(1 - (1 - confidence) / 2, n - 1);
  const low = mean - t_critical * se;
  const high = mean + t_critical * se;
  if (!Number.isFinite(low) || !Number.isFinite(high))
    return { ...base, mean, sd, se, t_critical, t_statistic, na: 'the interval bounds are beyond the double range (about ±1.8e308)' };
  // (high - low) / |mean| = 2 t_crit (sd / |mean|) / sqrt(n), from the scale-free ratio so it cannot overflow.
  const ci_width = moments.relativeSd === null ? null : (2 * t_critical * moments.relativeSd) / Math.sqrt(n);
  return { ...base, mean, sd, se, t_critical, t_statistic, low, high, ci_width };
}

/** An interval cut to a parameter's support: `clamped` says a bound was moved. */
export interface ClampedBounds {
  low: number;
  high: number;
  clamped: boolean;
}

/**
 * Moves bounds below `floor` (the least value the parameter can take, e.g. 0 for the mean of non-negative
 * efficiencies) onto it. The coverage is unchanged: when the parameter is at least `floor`, it lies in
 * [max(floor, low), high] exactly when it lies in [low, high]; only the impossible part is dropped.
 */
export function clampToSupport(low: number, high: number, floor = 0): ClampedBounds {
  const clamped = low < floor || high < floor;
  return { low: Math.max(floor, low), high: Math.max(floor, high), clamped };
}
