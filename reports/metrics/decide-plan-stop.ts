// The plan's stop rules, one code for the runner (after every arm) and the report (what it would say now): pure.
import type { SequentialRuleSettings } from '../../ledger/schemas/index.js';
import { checkSeedStopRule, type SeedStopVerdict } from '../stats/stop-rules.js';
import type { WorkPerDollar } from './analyze-work-per-dollar.js';
import type { WindowMetrics } from './compute-window-metrics.js';
import type { PairDecision } from './decide-ratio-pair.js';

export interface SeedCheck {
  provider: string;
  windows: number;
  negative_delta: number;
  ci_finite: boolean;
  verdict: SeedStopVerdict;
}

export interface PlanStop {
  seed: SeedCheck[];
  pairs: PairDecision[];
  /** Why the run stops now, or null to go on. */
  stop: { rule: 'data-quality' | 'sequential'; reason: string; provider: string | null } | null;
}

/**
 * Seed 001's halt (section 4.4) for each provider: more than 1 negative-delta window in 3, or a work-per-dollar
 * interval that is not finite. Then, unless the plan registered `none`, the betting sequence (ADR 0041): the run stops
 * when every pair is settled (decided, or within the relevant difference), or once one provider is
 * decided ahead of every other: the question is then answered, and the pairs still open among the others make no
 * claim (stopping adds no error: only a crossing claims). With 3 or 4 providers two equal ones settle only when
 * their interval fits within the relevant difference, so without this a run with a clear leader ran to its end
 * (0% early stops at 4 providers, 100 tasks, a provider 2x ahead: docs/reports.md). A pair whose price is unknown
 * is never settled (more arms may
 * move its bar).
 */
export function decidePlanStop(
  runs: readonly WindowMetrics[],
  primary: WorkPerDollar,
  rule: SequentialRuleSettings,
  ciFinite: (provider: string) => boolean,
): PlanStop {
  const seed = checkSeedRules(runs, ciFinite);
  const halted = seed.find((check) => check.verdict.halt);
  const pairs = primary.pairs;
  if (halted)
    return {
      seed,
      pairs,
      stop: { rule: 'data-quality', reason: `${halted.provider}: ${halted.verdict.reason}`, provider: halted.provider },
    };
  const settled = rule.rule !== 'none' && pairs.length > 0 && pairs.every((pair) => isSettled(pair));
  const leader = rule.rule !== 'none' && primary.leader !== null;
  if (!settled && !leader) return { seed, pairs, stop: null };
  const reason = pairs.map((pair) => `${pair.a} vs ${pair.b}: ${describeDecision(pair)}`).join('; ');
  const why = settled ? 'every pair settled' : `${primary.leader} decided ahead of every other provider`;
  return {
    seed,
    pairs,
    stop: { rule: 'sequential', reason: `betting rule on work per dollar, ${why}: ${reason}`, provider: null },
  };
}

export function isSettled(pair: PairDecision): boolean {
  return pair.outcome === 'a-ahead' || pair.outcome === 'b-ahead' || pair.outcome === 'within-margin';
}

/** One pair's state in words naming the provider, never "A" or "B". */
export function describeDecision(pair: PairDecision): string {
  if (pair.outcome === 'n/a') return `n/a (${pair.na ?? 'no decision possible'})`;
  const look = pair.last;
  if (!look) return `no look yet (${pair.tasks} task${pair.tasks === 1 ? '' : 's'})`;
  const interval = `anytime interval ${formatRatio(look.low)} to ${formatRatio(look.high)}`;
  const ratio = `${pair.a}/${pair.b} ${formatRatio(pair.ratio)}x`;
  if (pair.outcome === 'a-ahead') return `${pair.a} ahead (${ratio}, ${interval}, decided at ${pair.decided_at} tasks)`;
  if (pair.outcome === 'b-ahead') return `${pair.b} ahead (${ratio}, ${interval}, decided at ${pair.decided_at} tasks)`;
  if (pair.outcome === 'within-margin') return `no relevant difference (${ratio}, ${interval}, ${look.n} tasks)`;
  return `open (${ratio}, ${interval}, ${look.n} tasks)`;
}

function formatRatio(value: number | null): string {
  if (value === null) return 'n/a';
  if (!Number.isFinite(value)) return value > 0 ? 'infinity' : '-infinity';
  return Number(value.toPrecision(4)).toString();
}

function checkSeedRules(runs: readonly WindowMetrics[], ciFinite: (provider: string) => boolean): SeedCheck[] {
  const counts = new Map<string, { windows: number; negative: number }>();
  for (const window of runs) {
    const entry = counts.get(window.provider) ?? { windows: 0, negative: 0 };
    entry.windows += 1;
    if (window.errors.includes('negative-delta')) entry.negative += 1;
    counts.set(window.provider, entry);
  }
  return [...counts.entries()]
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([provider, entry]) => {
      const finite = ciFinite(provider);
      return {
        provider,
        windows: entry.windows,
        negative_delta: entry.negative,
        ci_finite: finite,
        verdict: checkSeedStopRule({ windows: entry.windows, negativeDeltaAnomalies: entry.negative, ciFinite: finite }),
      };
    });
}

/** Seed 001's "CI non-finite" per provider: an end of its work-per-dollar interval NaN or infinite. */
export function describeCiFinite(primary: WorkPerDollar): (provider: string) => boolean {
  return (provider) =>
    primary.providers
      .filter((summary) => summary.provider === provider)
      .every(({ low, high }) => [low, high].every((bound) => bound === null || Number.isFinite(bound)));
}
