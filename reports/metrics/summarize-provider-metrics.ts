// Per-provider metrics over its windows: work per unit of cost (sum of quality over sum of cost) with its interval, capacity, tokens, cost, quality, outcomes, duration.
import type { CapacityUnit, EfficiencyUnit, Outcome } from '../../ledger/index.js';
import { computeScaledMean, computeScaledMoments } from '../stats/scaled-moments.js';
import { MIN_RATIO_TASKS, summarizeRatioOfSums } from '../stats/ratio-of-sums.js';
import { computeStudentTQuantile } from '../stats/student-t.js';
import { readCost } from './pair-ratio-tasks.js';
import type { WindowMetrics } from './compute-window-metrics.js';

/** A provider's work per unit: sum of quality over sum of cost, with a delta-method interval of its log. */
export interface EfficiencyInterval {
  /** Windows with a known cost (zero-cost and failed ones included): the n of the ratio. */
  n: number;
  /** Sum of quality over sum of cost; null when nothing was spent (`na` says why). */
  mean: number | null;
  /** null below n = 3: the report prints `ci=n/a`. */
  low: number | null;
  high: number | null;
  /** (high - low) / mean; null without an interval. */
  ci_width: number | null;
  /** Why the ratio or its interval is n/a although n >= 3: nothing spent, no work at all. */
  na: string | null;
}

export interface ProviderMetrics {
  provider: string;
  unit: EfficiencyUnit;
  windows: number;
  efficiency: EfficiencyInterval;
  /** Quality per 1M tokens over windows whose tokens are known. */
  efficiency_per_mtok: EfficiencyInterval;
  /** The windows' summed capacity delta, whatever its unit: read `capacity_by_unit`, which keeps bars and tokens apart. */
  capacity_used: number;
  /** Capacity used per capacity unit (% of the 5h bar, or tokens for token-metered windows), whatever unit work is in. */
  capacity_by_unit: { unit: CapacityUnit; used: number }[];
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
 * One entry per (provider, unit), sorted by provider then unit, as the preview groups them. `calibrationSe`: each
 * provider's price calibration SE on the log scale (calibrate-provider.ts), which widens its interval in dollars.
 */
export function summarizeProviderMetrics(
  windows: readonly WindowMetrics[],
  confidence = 0.95,
  calibrationSe: ReadonlyMap<string, number> = new Map(),
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
    .map((group) => summarizeGroup(group, confidence, calibrationSe))
    .sort((a, b) => a.provider.localeCompare(b.provider) || a.unit.localeCompare(b.unit));
}

/**
 * The provider's correct work per unit of cost over its windows: sum of quality over sum of cost, every window's
 * cost counted (failures' too), the subscriber's estimand (docs/decisions/0029-work-per-dollar.md). Its interval is
 * the delta method's on the log scale (ratio-of-sums.ts) with Student t on n - 1 df, widened by the price's
 * calibration SE where the cost is priced from it; so it is never below 0 and reads the same in the report, the
 * preview and the gates.
 */
export function computeEfficiencyInterval(
  quality: readonly number[],
  costs: readonly number[],
  confidence = 0.95,
  calibrationSe = 0,
): EfficiencyInterval {
  const summary = summarizeRatioOfSums(quality, costs);
  const base = { n: summary.n, mean: summary.ratio, low: null, high: null, ci_width: null };
  if (summary.n === 0) return { ...base, na: null };
  if (summary.ratio === null) return { ...base, na: 'nothing was spent' };
  if (summary.n < MIN_RATIO_TASKS) return { ...base, na: null };
  if (summary.work <= 0) return { ...base, na: 'no correct work at all' };
  if (summary.log_se === null) return { ...base, na: 'no spread' };
  const se = Math.hypot(summary.log_se, calibrationSe);
  const q = computeStudentTQuantile(1 - (1 - confidence) / 2, summary.df);
  const log = Math.log(summary.ratio);
  const low = Math.exp(log - q * se);
  const high = Math.exp(log + q * se);
  return { ...base, low, high, ci_width: (high - low) / summary.ratio, na: null };
}

function summarizeGroup(group: WindowMetrics[], confidence: number, calibrationSe: ReadonlyMap<string, number>): ProviderMetrics {
  const first = group[0] as WindowMetrics;
  const costed = group.filter((window) => readCost(window) !== null);
  const tokened = group.filter((window) => window.tokens !== null);
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
      costed.map((window) => window.quality),
      costed.map((window) => readCost(window) as number),
      confidence,
      first.unit === 'usd' ? (calibrationSe.get(first.provider) ?? 0) : 0,
    ),
    efficiency_per_mtok: computeEfficiencyInterval(
      tokened.map((window) => window.quality),
      tokened.map((window) => (window.tokens as number) / 1_000_000),
      confidence,
    ),
    capacity_used: pick((window) => window.capacity_delta).reduce((sum, value) => sum + value, 0),
    capacity_by_unit: sumCapacityByUnit(group),
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

/** Each capacity unit's summed delta over the windows that have one, bars before tokens. */
function sumCapacityByUnit(group: readonly WindowMetrics[]): { unit: CapacityUnit; used: number }[] {
  const used = new Map<CapacityUnit, number>();
  for (const window of group)
    if (window.capacity_unit !== null && window.capacity_delta !== null)
      used.set(window.capacity_unit, (used.get(window.capacity_unit) ?? 0) + window.capacity_delta);
  return [...used.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([unit, sum]) => ({ unit, used: sum }));
}
