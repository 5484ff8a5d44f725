// What a recorded preview holds per provider and what G1 reads: efficiency n, mean and interval, and against the baseline the matched quality and the pair power: pure.
import type { ProviderSummary } from '../../ledger/index.js';
import type { WindowMetrics } from '../metrics/compute-window-metrics.js';
import { computePairPower } from '../metrics/pair-power.js';
import { reduceEpochs } from '../metrics/reduce-epochs.js';
import { computeScaledMean } from '../stats/scaled-moments.js';
import { computeTInterval } from '../stats/t-interval.js';

export interface GateFieldOptions {
  /** The provider every power is against; null: no powers. */
  baseline: string | null;
  alpha: number;
  minEffect: number;
  /** Pairs Holm adjusts over; default k(k-1)/2 over the providers of `windows`. */
  pairs?: number;
}

/** How many pairs k providers make: k(k-1)/2, at least 1. */
export function countProviderPairs(providers: number): number {
  return Math.max(1, (providers * (providers - 1)) / 2);
}

/**
 * One summary per (provider, efficiency unit) of `windows` (priced, in the unit they are to be judged in; epochs
 * are reduced to task means first), sorted by provider then unit. Against the baseline, on the tasks both ran
 * (computePairPower): `power`, its basis `pair_power`, and `quality_ratio`, the provider's mean quality over the
 * baseline's on those same tasks (null without one). The baseline's own row has no power and `pair_power` null:
 * it is not a candidate.
 */
export function summarizeGateFields(windows: readonly WindowMetrics[], options: GateFieldOptions): ProviderSummary[] {
  const reduced = reduceEpochs(windows).windows;
  const groups = new Map<string, WindowMetrics[]>();
  for (const window of reduced) {
    if (window.unit === null) continue;
    const key = `${window.provider}\u0000${window.unit}`;
    const group = groups.get(key);
    if (group) group.push(window);
    else groups.set(key, [window]);
  }
  const pairs = options.pairs ?? countProviderPairs(new Set(reduced.map((window) => window.provider)).size);
  const summaries = [...groups.values()].map((group): ProviderSummary => {
    const first = group[0] as WindowMetrics;
    const interval = computeTInterval(
      group.flatMap((window) => (window.efficiency === null ? [] : [window.efficiency])),
      1 - options.alpha,
    );
    const summary: ProviderSummary = {
      provider: first.provider,
      unit: first.unit as ProviderSummary['unit'],
      windows: group.length,
      n: interval.n,
      mean_efficiency: interval.mean,
      ci_low: interval.low,
      ci_high: interval.high,
      ci_width: interval.ci_width,
      sd_efficiency: interval.sd,
      mean_quality: computeScaledMean(group.map((window) => window.quality)),
    };
    if (options.baseline === null) return summary;
    if (first.provider === options.baseline) return { ...summary, quality_ratio: 1, power: null, pair_power: null };
    const sameUnit = reduced.filter((window) => window.unit === first.unit);
    const pair = computePairPower(sameUnit, first.provider, options.baseline, {
      alpha: options.alpha,
      minEffect: options.minEffect,
      pairs,
    });
    return {
      ...summary,
      quality_ratio: pair.quality_ratio,
      power: pair.power,
      pair_power: {
        n_tasks: pair.n_tasks,
        sd_gap: pair.sd_gap,
        gap: pair.gap,
        alpha_adjusted: pair.alpha_adjusted,
        power: pair.power,
        na: pair.na,
      },
    };
  });
  return summaries.sort((a, b) => a.provider.localeCompare(b.provider) || a.unit.localeCompare(b.unit));
}
