// Per-provider metrics over its windows: efficiency with a t interval, capacity, tokens, cost, quality, outcomes, duration.
import type { EfficiencyUnit, Outcome } from '../../ledger/index.js';
import { computeScaledMean, computeScaledMoments } from '../stats/scaled-moments.js';
import { checkSmallSample } from '../stats/small-sample-coverage.js';
import { clampToSupport, computeTInterval } from '../stats/t-interval.js';
import type { WindowMetrics } from './compute-window-metrics.js';

export interface EfficiencyInterval {
  /** Windows with a non-zero capacity delta (the n of the mean). */
  n: number;
  mean: number | null;
  sd: number | null;
  /** null below n = 3: the report prints `ci=n/a`. Never below 0: see `clamped`. */
  low: number | null;
  high: number | null;
  /**
   * The t interval reached below 0, which a mean of non-negative efficiencies cannot (zero-inflated data: failed
   * tasks score 0), and its lower bound is 0 instead. The coverage is unchanged, and `ci_width` is that of the
   * interval as printed, so (high - low) / |mean| holds on every row.
   */
  clamped: boolean;
  /** (high - low) / |mean|; null below n = 3 or when the mean is 0. */
  ci_width: number | null;
  /** Why the interval (or mean) is n/a although n >= 3: a NaN or infinite value, no variation, bounds past the double range. */
  na: string | null;
  /** From 3 to 29 values: the measured coverage of the t interval on skewed samples of that size (small-sample-coverage.ts). */
  small_sample_warning: string | null;
  /** From 5 to 29 values: the studentized bootstrap interval, closer to 95% on skewed data (seeded: the same data give the same one); cut at 0 like the t interval, `clamped` saying so. */
  bootstrap_t: { low: number; high: number; clamped: boolean } | null;
}

export interface ProviderMetrics {
  provider: string;
  unit: EfficiencyUnit;
  windows: number;
  efficiency: EfficiencyInterval;
  /** Quality per 1M tokens over windows whose tokens are known. */
  efficiency_per_mtok: EfficiencyInterval;
  capacity_used: number;
  /** Dollars of subscription the windows used; null when none could be priced. */
  usd_used: number | null;
  /** The subscription plans the windows were measured under. */
  plans: string[];
  mean_quality: number;
  quality_sd: number | null;
  outcomes: Partial<Record<Outcome, number>>;
  successes: number;
  success_rate: number;
  /** Over windows whose tokens (or cost) are known; per success counts every such window's tokens, failures included. */
  tokens: number | null;
  windows_with_tokens: number;
  cost_usd: number | null;
  windows_with_cost: number;
  tokens_per_success: number | null;
  cost_per_success_usd: number | null;
  mean_duration_ms: number | null;
}

/**
 * One entry per (provider, unit), sorted by provider then unit, as the preview groups them. `seed` seeds the
 * small-sample bootstrap-t intervals (each provider and unit gets its own stream from it).
 */
export function summarizeProviderMetrics(
  windows: readonly WindowMetrics[],
  confidence = 0.95,
  seed: string | number = 'provider-efficiency',
): ProviderMetrics[] {
  const groups = new Map<string, WindowMetrics[]>();
  for (const window of windows) {
    if (window.unit === null) continue;
    const key = `${window.provider}\u0000${window.unit}`;
    const group = groups.get(key);
    if (group) group.push(window);
    else groups.set(key, [window]);
  }
  return [...groups.values()]
    .map((group) => summarizeGroup(group, confidence, String(seed)))
    .sort((a, b) => a.provider.localeCompare(b.provider) || a.unit.localeCompare(b.unit));
}

/**
 * The mean and t interval of `values` (ci fields null below 3 values), flagged below 30 values with a bootstrap-t
 * beside it. Efficiency is quality (>= 0) per capacity (> 0), so its mean is never negative: both intervals are cut
 * at 0 where they reach below it, and say so (`clamped`), rather than print a bound no data could reach.
 */
export function computeEfficiencyInterval(values: readonly number[], confidence = 0.95, seed = 'efficiency'): EfficiencyInterval {
  const interval = computeTInterval(values, confidence);
  const small =
    interval.low === null ? { bootstrap_t: null, warning: null } : checkSmallSample(values, { seed, confidence, lowerLimit: 0 });
  const bounds = interval.low === null || interval.high === null ? null : clampToSupport(interval.low, interval.high, 0);
  return {
    n: interval.n,
    mean: interval.mean,
    sd: interval.sd,
    low: bounds ? bounds.low : interval.low,
    high: bounds ? bounds.high : interval.high,
    clamped: bounds?.clamped ?? false,
    ci_width: bounds?.clamped && interval.mean ? (bounds.high - bounds.low) / Math.abs(interval.mean) : interval.ci_width,
    na: interval.na,
    small_sample_warning: small.warning,
    bootstrap_t: small.bootstrap_t,
  };
}

function summarizeGroup(group: WindowMetrics[], confidence: number, seed: string): ProviderMetrics {
  const first = group[0] as WindowMetrics;
  const stream = `${seed}:${first.provider}:${first.unit}`;
  const pick = (read: (window: WindowMetrics) => number | null): number[] =>
    group.map(read).filter((value): value is number => value !== null);
  const outcomes: Partial<Record<Outcome, number>> = {};
  for (const window of group) outcomes[window.outcome] = (outcomes[window.outcome] ?? 0) + 1;
  const qualities = group.map((window) => window.quality);
  const meanQuality = computeScaledMean(qualities);
  const withTokens = group.filter((window) => window.tokens !== null);
  const withCost = group.filter((window) => window.cost_usd !== null);
  const tokens = withTokens.length === 0 ? null : withTokens.reduce((sum, window) => sum + (window.tokens as number), 0);
  const cost = withCost.length === 0 ? null : withCost.reduce((sum, window) => sum + (window.cost_usd as number), 0);
  const tokenSuccesses = withTokens.filter((window) => window.success).length;
  const costSuccesses = withCost.filter((window) => window.success).length;
  const durations = pick((window) => window.duration_ms);
  const successes = group.filter((window) => window.success).length;
  return {
    provider: first.provider,
    unit: first.unit as EfficiencyUnit,
    windows: group.length,
    efficiency: computeEfficiencyInterval(
      pick((window) => window.efficiency),
      confidence,
      `${stream}:efficiency`,
    ),
    efficiency_per_mtok: computeEfficiencyInterval(
      pick((window) => window.efficiency_per_mtok),
      confidence,
      `${stream}:per-mtok`,
    ),
    capacity_used: pick((window) => window.capacity_delta).reduce((sum, value) => sum + value, 0),
    usd_used: group.some((window) => window.usd !== null) ? pick((window) => window.usd).reduce((sum, value) => sum + value, 0) : null,
    plans: [...new Set(group.map((window) => window.plan).filter((plan): plan is string => plan !== null))].sort(),
    mean_quality: meanQuality,
    quality_sd: computeScaledMoments(qualities).sd,
    outcomes,
    successes,
    success_rate: successes / group.length,
    tokens,
    windows_with_tokens: withTokens.length,
    cost_usd: cost,
    windows_with_cost: withCost.length,
    tokens_per_success: tokens !== null && tokenSuccesses > 0 ? tokens / tokenSuccesses : null,
    cost_per_success_usd: cost !== null && costSuccesses > 0 ? cost / costSuccesses : null,
    mean_duration_ms: durations.length === 0 ? null : computeScaledMean(durations),
  };
}
