// The report's stop-rule status: the plan's rules recomputed on its windows, the run's recorded stop, and the chart's path: pure.
import type { RunStopRow, SequentialRuleSettings } from '../../ledger/schemas/index.js';
import type { PairDecision, PairLook } from './decide-ratio-pair.js';
import type { PlanStop, SeedCheck } from './decide-plan-stop.js';

export interface StopStatus {
  seed: SeedCheck[];
  /** Every pair's decision, as the runner computes it after each arm. */
  pairs: PairDecision[];
  /** The pair the verdict names (the chart's pair), turned so its first provider comes first; null when none. */
  verdict_pair: PairDecision | null;
  /** That pair's providers, A first. */
  pair: [string, string] | null;
  /** The rule the plan registered (or the default for unregistered data). */
  rule: SequentialRuleSettings;
  /** What the runner recorded when it stopped this plan early: the report states it, never recomputes it. */
  recorded: RunStopRow | null;
}

/** The status the report shows, from the same decidePlanStop the runner calls. */
export function describeStopStatus(
  decided: PlanStop,
  rule: SequentialRuleSettings,
  options: { pair: [string, string] | null; recorded: RunStopRow | null },
): StopStatus {
  const chosen = options.pair ? findOrientedDecision(decided.pairs, options.pair) : null;
  return {
    seed: decided.seed,
    pairs: decided.pairs,
    verdict_pair: chosen,
    pair: chosen ? [chosen.a, chosen.b] : null,
    rule,
    recorded: options.recorded,
  };
}

/** The decision of the pair (a, b), turned so `a` comes first (ratios inverted, outcomes swapped); null when absent. */
export function findOrientedDecision(pairs: readonly PairDecision[], [a, b]: readonly [string, string]): PairDecision | null {
  const same = pairs.find((pair) => pair.a === a && pair.b === b);
  if (same) return same;
  const turned = pairs.find((pair) => pair.a === b && pair.b === a);
  if (!turned) return null;
  const flip = (look: PairLook): PairLook => ({
    ...look,
    ratio: invert(look.ratio),
    low: invert(look.high),
    high: invert(look.low),
  });
  const outcome = turned.outcome === 'a-ahead' ? 'b-ahead' : turned.outcome === 'b-ahead' ? 'a-ahead' : turned.outcome;
  return {
    ...turned,
    a,
    b,
    ratio: invert(turned.ratio),
    last: turned.last ? flip(turned.last) : null,
    looks: turned.looks.map(flip),
    outcome,
  };
}

function invert(value: number | null): number | null {
  if (value === null) return null;
  if (value === 0) return Number.POSITIVE_INFINITY;
  return Number.isFinite(value) ? 1 / value : 0;
}
