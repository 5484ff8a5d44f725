// Stop-rule status for the report: seed 001's data-quality halt per provider and the sequential rule on paired tasks: pure.
import type { ConfidenceSequenceMethod } from '../stats/confidence-sequence.js';
import {
  checkSeedStopRule,
  checkSequentialStop,
  traceStopSequence,
  type SeedStopVerdict,
  type SequentialRule,
  type SequentialStopVerdict,
} from '../stats/stop-rules.js';
import type { PairedComparison } from './analyze-pairs.js';
import type { ProviderMetrics } from './summarize-provider-metrics.js';
import type { WindowMetrics } from './compute-window-metrics.js';

export interface SequencePoint {
  n: number;
  mean: number;
  low: number;
  high: number;
  at: string;
}

export interface StopStatus {
  seed: { provider: string; windows: number; negative_delta: number; verdict: SeedStopVerdict }[];
  sequential: SequentialStopVerdict | null;
  tuning_n: number;
  /** The sequence the rule and the chart use: the symmetry betting one for efficiency differences (unbounded). */
  method: ConfidenceSequenceMethod;
  /** The confidence sequence after each pair (at most `maxPoints`, evenly spread, always the last), for the chart. */
  path: SequencePoint[];
}

/**
 * Seed rule per provider: its completed windows, those with a `negative-delta` error, and whether its
 * efficiency CI is finite. Sequential rule: the confidence sequence of A - B over the pairs in the order
 * they were complete, futility margin = `futilityMargin` (the relevant difference), tuned for `tuningN` tasks.
 * Efficiency differences have no known range, so it is the symmetry betting sequence (exact when the two
 * providers are exchangeable within a task); `rule: 'normal-theory'` gives the asymptotic one it replaced.
 */
export function checkStopStatus(
  windows: readonly WindowMetrics[],
  providers: readonly ProviderMetrics[],
  comparison: PairedComparison | null,
  options: { alpha: number; tuningN: number; futilityMargin: number | null; maxPoints?: number; rule?: SequentialRule },
): StopStatus {
  const perProvider = new Map<string, { windows: number; negative: number }>();
  for (const window of windows) {
    const entry = perProvider.get(window.provider) ?? { windows: 0, negative: 0 };
    entry.windows += 1;
    if (window.errors.includes('negative-delta')) entry.negative += 1;
    perProvider.set(window.provider, entry);
  }
  const seed = [...perProvider.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([provider, entry]) => {
      const ciFinite = providers
        .filter((summary) => summary.provider === provider)
        .every(({ efficiency }) => [efficiency.low, efficiency.high].every((bound) => bound === null || Number.isFinite(bound)));
      return {
        provider,
        windows: entry.windows,
        negative_delta: entry.negative,
        verdict: checkSeedStopRule({ windows: entry.windows, negativeDeltaAnomalies: entry.negative, ciFinite }),
      };
    });
  const diffs = comparison?.pairs.map((pair) => pair.diff) ?? [];
  const rule = options.rule ?? 'betting';
  const sequential =
    comparison && diffs.length > 0
      ? checkSequentialStop(diffs, {
          alpha: options.alpha,
          tuningN: options.tuningN,
          rule,
          ...(options.futilityMargin && options.futilityMargin > 0 ? { minEffect: options.futilityMargin } : {}),
        })
      : null;
  const method: ConfidenceSequenceMethod = rule === 'betting' ? 'symmetry-betting' : 'normal-theory';
  return {
    seed,
    sequential,
    tuning_n: options.tuningN,
    method,
    path: comparison ? traceSequence(comparison, options.alpha, options.tuningN, options.maxPoints ?? 300, rule) : [],
  };
}

function traceSequence(
  comparison: PairedComparison,
  alpha: number,
  tuningN: number,
  maxPoints: number,
  rule: SequentialRule,
): SequencePoint[] {
  const diffs = comparison.pairs.map((pair) => pair.diff);
  const points: SequencePoint[] = [];
  const total = diffs.length;
  if (total < 2) return points;
  const step = Math.max(1, Math.ceil((total - 1) / maxPoints));
  const looks: number[] = [];
  for (let n = 2; n < total; n += step) looks.push(n);
  looks.push(total);
  traceStopSequence(diffs, { alpha, tuningN, rule }, looks).forEach((cs, index) => {
    const n = looks[index] as number;
    points.push({ n, mean: cs.mean, low: cs.low, high: cs.high, at: comparison.pairs[n - 1]?.completed_at ?? '' });
  });
  return points;
}
