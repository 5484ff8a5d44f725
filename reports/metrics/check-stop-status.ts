// The report's stop-rule status: the plan's rules recomputed on its windows, the run's recorded stop, and the chart's path: pure.
import type { RunStopRow, SequentialRuleSettings } from '../../ledger/schemas/index.js';
import type { ConfidenceSequenceMethod } from '../stats/confidence-sequence.js';
import { checkSequentialStop, traceStopSequence, type SequentialStopVerdict } from '../stats/stop-rules.js';
import type { PairCheck, PlanStop, SeedCheck } from './decide-plan-stop.js';
import { findOrientedPair, type ShareGapPair } from './pair-share-gaps.js';

export interface SequencePoint {
  n: number;
  mean: number;
  low: number;
  high: number;
  at: string;
}

export interface StopStatus {
  seed: SeedCheck[];
  /** Every pair's sequential check, as the runner computes it after each arm. */
  pairs: PairCheck[];
  /** The check of the pair the verdict names (the chart's pair), or null. */
  sequential: SequentialStopVerdict | null;
  /** That pair, A first. */
  pair: [string, string] | null;
  /** The rule the plan registered (or the default for unregistered data). */
  rule: SequentialRuleSettings;
  tuning_n: number;
  method: ConfidenceSequenceMethod;
  /** What the runner recorded when it stopped this plan early: the report states it, never recomputes it. */
  recorded: RunStopRow | null;
  /** The confidence sequence of the chart's pair after each task (at most `maxPoints`, always the last). */
  path: SequencePoint[];
}

/** The status the report shows, from the same {@link decidePlanStop} the runner calls. */
export function describeStopStatus(
  decided: PlanStop,
  pairs: readonly ShareGapPair[],
  rule: SequentialRuleSettings,
  options: { pair: [string, string] | null; recorded: RunStopRow | null; maxPoints?: number },
): StopStatus {
  const chosen = options.pair ? findOrientedPair(pairs, options.pair) : null;
  // The chosen pair's own look, turned as the verdict names it (the rule itself ran on the plan's order).
  const gaps = chosen?.tasks.map((task) => task.gap) ?? [];
  const sequential =
    chosen && rule.rule !== 'none' && gaps.length > 0
      ? checkSequentialStop(gaps, { alpha: rule.alpha_per_pair, tuningN: rule.tuning_n, bounds: [-1, 1], minEffect: rule.margin })
      : null;
  return {
    seed: decided.seed,
    pairs: decided.pairs,
    sequential,
    pair: chosen ? [chosen.a, chosen.b] : null,
    rule,
    tuning_n: rule.tuning_n,
    method: 'bounded-mean-betting',
    recorded: options.recorded,
    path: chosen && rule.rule !== 'none' ? traceSequence(chosen, rule, options.maxPoints ?? 300) : [],
  };
}

function traceSequence(pair: ShareGapPair, rule: SequentialRuleSettings, maxPoints: number): SequencePoint[] {
  const gaps = pair.tasks.map((task) => task.gap);
  const total = gaps.length;
  if (total < 2) return [];
  const step = Math.max(1, Math.ceil((total - 1) / maxPoints));
  const looks: number[] = [];
  for (let n = 2; n < total; n += step) looks.push(n);
  looks.push(total);
  const settings = { alpha: rule.alpha_per_pair, tuningN: rule.tuning_n, bounds: [-1, 1] as const };
  return traceStopSequence(gaps, settings, looks).map((cs, index) => {
    const n = looks[index] as number;
    return { n, mean: cs.mean, low: cs.low, high: cs.high, at: pair.tasks[n - 1]?.completed_at ?? '' };
  });
}
