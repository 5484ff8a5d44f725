// What a recorded preview holds per provider and what G1 reads: work per unit (sum of quality over sum of cost) with its interval, and against the baseline the matched quality and the pair power: pure.
import type { ProviderSummary } from '../../ledger/index.js';
import type { WindowMetrics } from '../metrics/compute-window-metrics.js';
import { computeRatioPairPower } from './compute-ratio-pair-power.js';
import { reduceEpochs } from '../metrics/reduce-epochs.js';
import { computeScaledMean } from '../stats/scaled-moments.js';
import { readCost } from '../metrics/pair-ratio-tasks.js';
import { computeEfficiencyInterval } from '../metrics/summarize-provider-metrics.js';

export interface GateFieldOptions {
  /** The provider every power is against; null: no powers. */
  baseline: string | null;
  alpha: number;
  minEffect: number;
  /** Pairs the alpha is split over; default k(k-1)/2 over the providers of `windows`. */
  pairs?: number;
  /** Each provider's price calibration SE on the log scale: it widens the interval in dollars. */
  calibrationSe?: ReadonlyMap<string, number>;
}

/** How many pairs k providers make: k(k-1)/2, at least 1. */
export function countProviderPairs(providers: number): number {
  return Math.max(1, (providers * (providers - 1)) / 2);
}

/**
 * One summary per (provider, efficiency unit) of `windows` (priced, in the unit they are to be judged in; epochs
 * are reduced to task means first, so `n` counts tasks), sorted by provider then unit. `windows` counts every
 * window seen, each epoch apart: G1 tells two looks apart by it (under `--epochs` the task count stops growing
 * after the first epoch while the windows still do). Against the baseline, on the tasks both ran
 * (computePairPower): `power`, its basis `pair_power`, and `quality_ratio`, the provider's mean quality over the
 * baseline's on those same tasks (null without one). The baseline's own row has no power and `pair_power` null:
 * it is not a candidate.
 */
export function summarizeGateFields(windows: readonly WindowMetrics[], options: GateFieldOptions): ProviderSummary[] {
  const reduced = reduceEpochs(windows).windows;
  const keyOf = (window: WindowMetrics): string => `${window.provider}\u0000${window.unit}`;
  const seen = new Map<string, number>();
  for (const window of windows) if (window.unit !== null) seen.set(keyOf(window), (seen.get(keyOf(window)) ?? 0) + 1);
  const groups = new Map<string, WindowMetrics[]>();
  for (const window of reduced) {
    if (window.unit === null) continue;
    const key = keyOf(window);
    const group = groups.get(key);
    if (group) group.push(window);
    else groups.set(key, [window]);
  }
  const pairs = options.pairs ?? countProviderPairs(new Set(reduced.map((window) => window.provider)).size);
  const summaries = [...groups.values()].map((group): ProviderSummary => {
    const first = group[0] as WindowMetrics;
    const costed = group.filter((window) => readCost(window) !== null);
    const interval = computeEfficiencyInterval(
      costed.map((window) => window.quality),
      costed.map((window) => readCost(window) as number),
      1 - options.alpha,
      first.unit === 'usd' ? (options.calibrationSe?.get(first.provider) ?? 0) : 0,
    );
    const summary: ProviderSummary = {
      provider: first.provider,
      unit: first.unit as ProviderSummary['unit'],
      windows: seen.get(keyOf(first)) ?? group.length,
      n: interval.n,
      mean_efficiency: interval.mean,
      ci_low: interval.low,
      ci_high: interval.high,
      ci_width: interval.ci_width,
      sd_efficiency: null,
      mean_quality: computeScaledMean(group.map((window) => window.quality)),
    };
    if (options.baseline === null) return summary;
    if (first.provider === options.baseline) return { ...summary, quality_ratio: 1, power: null, pair_power: null };
    const sameUnit = reduced.filter((window) => window.unit === first.unit);
    const calibrationSe =
      first.unit === 'usd'
        ? Math.hypot(options.calibrationSe?.get(first.provider) ?? 0, options.calibrationSe?.get(options.baseline) ?? 0)
        : 0;
    const pair = computeRatioPairPower(sameUnit, first.provider, options.baseline, {
      alpha: options.alpha,
      minEffect: options.minEffect,
      pairs,
      calibrationSe,
    });
    return {
      ...summary,
      quality_ratio: pair.quality_ratio,
      power: pair.power,
      pair_power: {
        n_tasks: pair.n_tasks,
        ratio: pair.ratio,
        basis: 'simulation',
        mc_error: pair.mc_error,
        alpha_adjusted: pair.alpha_adjusted,
        power: pair.power,
        na: pair.na,
      },
    };
  });
  return summaries.sort((a, b) => a.provider.localeCompare(b.provider) || a.unit.localeCompare(b.unit));
}
