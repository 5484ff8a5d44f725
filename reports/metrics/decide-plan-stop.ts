// The plan's stop rules, one code for the runner (after every arm) and the report (what it would say now): pure.
import type { SequentialRuleSettings } from '../../ledger/schemas/index.js';
import { checkSeedStopRule, checkSequentialStop, type SeedStopVerdict, type SequentialStopVerdict } from '../stats/stop-rules.js';
import type { WindowMetrics } from './compute-window-metrics.js';
import type { ShareGapPair } from './pair-share-gaps.js';
import type { ProviderMetrics } from './summarize-provider-metrics.js';

export interface SeedCheck {
  provider: string;
  windows: number;
  negative_delta: number;
  ci_finite: boolean;
  verdict: SeedStopVerdict;
}

export interface PairCheck {
  a: string;
  b: string;
  tasks: number;
  /** Null below the rule's first look or when the plan runs no sequential rule. */
  verdict: SequentialStopVerdict | null;
}

export interface PlanStop {
  seed: SeedCheck[];
  pairs: PairCheck[];
  /** Why the run stops now, or null to go on. */
  stop: { rule: 'data-quality' | 'sequential'; reason: string; provider: string | null } | null;
}

/**
 * Seed 001's halt (section 4.4) for each provider: more than 1 negative-delta window in 3, or an efficiency
 * interval that is not finite. Then, unless the plan registered `none`, the sequential rule on each pair's
 * share gaps: the bounded-mean betting sequence on [-1, 1] at alpha / pairs, futility margin r / (2 + r). The
 * run stops when every pair is settled: a pair still open could still name a leader, so it keeps the run going.
 */
export function decidePlanStop(
  runs: readonly WindowMetrics[],
  pairs: readonly ShareGapPair[],
  rule: SequentialRuleSettings,
  ciFinite: (provider: string) => boolean,
): PlanStop {
  const seed = checkSeedRules(runs, ciFinite);
  const halted = seed.find((check) => check.verdict.halt);
  const checks = pairs.map((pair): PairCheck => {
    const gaps = pair.tasks.map((task) => task.gap);
    const verdict =
      rule.rule === 'none' || gaps.length === 0
        ? null
        : checkSequentialStop(gaps, { alpha: rule.alpha_per_pair, tuningN: rule.tuning_n, bounds: [-1, 1], minEffect: rule.margin });
    return { a: pair.a, b: pair.b, tasks: gaps.length, verdict };
  });
  if (halted)
    return {
      seed,
      pairs: checks,
      stop: { rule: 'data-quality', reason: `${halted.provider}: ${halted.verdict.reason}`, provider: halted.provider },
    };
  const settled = checks.length > 0 && checks.every((check) => check.verdict !== null && check.verdict.decision !== 'continue');
  if (!settled) return { seed, pairs: checks, stop: null };
  const reason = checks.map((check) => `${check.a} vs ${check.b}: ${describeDecision(check)}`).join('; ');
  return {
    seed,
    pairs: checks,
    stop: { rule: 'sequential', reason: `sequential rule on the share gap, every pair settled: ${reason}`, provider: null },
  };
}

/** One pair's decision in words naming the provider, never "A" or "B". */
export function describeDecision(check: PairCheck): string {
  const verdict = check.verdict;
  if (!verdict) return 'no look yet';
  const interval = `[${verdict.cs.low.toFixed(3)}, ${verdict.cs.high.toFixed(3)}]`;
  if (verdict.decision === 'superiority-A') return `${check.a} ahead (share gap ${interval}, ${check.tasks} tasks)`;
  if (verdict.decision === 'superiority-B') return `${check.b} ahead (share gap ${interval}, ${check.tasks} tasks)`;
  if (verdict.decision === 'futility') return `no relevant difference (share gap ${interval} within the margin, ${check.tasks} tasks)`;
  return `open (share gap ${interval}, ${check.tasks} tasks)`;
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

/** Seed 001's "CI non-finite" per provider: any bound of any of its efficiency intervals NaN or infinite. */
export function describeCiFinite(summaries: readonly ProviderMetrics[]): (provider: string) => boolean {
  return (provider) =>
    summaries
      .filter((summary) => summary.provider === provider)
      .every(({ efficiency }) => [efficiency.low, efficiency.high].every((bound) => bound === null || Number.isFinite(bound)));
}
