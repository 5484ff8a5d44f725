// The ledger as Prometheus samples: bars, tokens and dollars, limit hits, failover moves and experiment progress (pure).
import { collectBarSeries, listBarKeys } from '../bars/collect-bar-series.js';
import { BAR_PERIOD_MS } from '../bars/bar-types.js';
import { projectBars } from '../bars/project-bars.js';
import { nameBackendProvider } from '../name-backend-provider.js';
import { collectRefusals } from '../plans/collect-refusals.js';
import { createAccountLabeler, findBaseProvider, keyAccount } from '../usage/account-keys.js';
import { collectCountedUses } from '../usage/usage-sources.js';
import { addWeight, capValues, cutValue } from './cap-label-values.js';
import type { FailoverMove, LedgerMetrics, MetricSample, MetricsInputs, MetricsOptions, PlanProgress } from './ledger-metrics.js';
import { summarizeTokenMetrics } from './summarize-token-metrics.js';

/**
 * Every metric of the ledger at `now`. Accounts are labelled as the reports name them (`claude`, or `claude@acct-…`
 * where a provider has two logins): a fingerprint, never an e-mail or a token. Counters are totals over the whole
 * ledger, so Prometheus' rate() and increase() give the use over any range.
 */
export function summarizeLedgerMetrics(input: MetricsInputs, options: MetricsOptions): LedgerMetrics {
  const counted = collectCountedUses(input.usage, options.timeZone, 'none');
  const label = createAccountLabeler([
    ...counted.uses.map((use) => use.provider),
    ...listBarKeys(input.bars),
    ...input.usage.telemetry.map((row) => keyAccount(nameBackendProvider(row.backend_provider), row.account)),
  ]);
  return {
    ...summarizeTokenMetrics(counted, label, options.maxLabelValues),
    ...summarizeBars(input, options.now, label),
    limit_hits: summarizeLimitHits(input, options.now, label),
    failover_moves: summarizeFailovers(input.failovers),
    ...summarizePlans(input.plans, options.maxLabelValues),
    skipped_lines: input.usage.problems.length,
  };
}

type BarMetrics = Pick<LedgerMetrics, 'bar_used_ratio' | 'bar_resets_timestamp_seconds' | 'bar_reading_timestamp_seconds'>;

/**
 * Each bar's last reading in its current period. A period known to have reset since (its reset time passed, or, with
 * none known, the reading is older than the bar's length) says nothing of the bar now: only when it was read is shown.
 */
function summarizeBars(input: MetricsInputs, now: Date, label: (key: string) => string): BarMetrics {
  const metrics: BarMetrics = { bar_used_ratio: [], bar_resets_timestamp_seconds: [], bar_reading_timestamp_seconds: [] };
  for (const bar of projectBars(collectBarSeries(input.bars, label), now, [])) {
    if (bar.used_pct === null || bar.at === null) continue;
    const labels = { provider: findBaseProvider(bar.provider), account: bar.provider, bar: bar.bar };
    const readMs = Date.parse(bar.at);
    metrics.bar_reading_timestamp_seconds.push({ labels, value: readMs / 1000 });
    const resetsMs = bar.resets_at === null ? null : Date.parse(bar.resets_at);
    const current = resetsMs === null ? now.getTime() - readMs < BAR_PERIOD_MS[bar.bar] : resetsMs > now.getTime();
    if (!current) continue;
    metrics.bar_used_ratio.push({ labels, value: bar.used_pct / 100 });
    if (resetsMs !== null) metrics.bar_resets_timestamp_seconds.push({ labels, value: resetsMs / 1000 });
  }
  return metrics;
}

/** The proxy's 429s up to `now` by account, a client's retry of a refused request counted once (collectRefusals). */
function summarizeLimitHits(input: MetricsInputs, now: Date, label: (key: string) => string): MetricSample[] {
  const { refusals } = collectRefusals(input.usage.telemetry, { since_ms: Number.NEGATIVE_INFINITY, until_ms: now.getTime() }, label);
  return [...refusals].map(([account, times]) => ({ labels: { provider: findBaseProvider(account), account }, value: times.length }));
}

/** Moves by the providers the back ends belong to (anthropic is claude) and why; back ends are the proxy's configured few. */
function summarizeFailovers(moves: readonly FailoverMove[]): MetricSample[] {
  const counts = new Map<string, MetricSample>();
  for (const move of moves) {
    const labels = { from: cutValue(nameBackendProvider(move.from)), to: cutValue(nameBackendProvider(move.to)), reason: move.reason };
    const key = JSON.stringify(labels);
    const sample = counts.get(key) ?? { labels, value: 0 };
    sample.value += 1;
    counts.set(key, sample);
  }
  return [...counts.values()];
}

/** The newest `maxLabelValues` plans' arms and state (older plans are finished history; `experiment status` lists them). */
function summarizePlans(
  plans: readonly PlanProgress[],
  maxLabelValues: number,
): Pick<LedgerMetrics, 'experiment_arms' | 'experiment_state'> {
  const weights = new Map<string, number>();
  for (const [index, plan] of plans.entries()) addWeight(weights, cutValue(plan.plan_id), index);
  const keep = capValues(weights, maxLabelValues);
  const shown = plans.filter((plan) => keep(cutValue(plan.plan_id)) !== 'other');
  return {
    experiment_arms: shown.flatMap((plan) =>
      (['done', 'open', 'pending'] as const).map((state) => ({ labels: { plan: cutValue(plan.plan_id), state }, value: plan[state] })),
    ),
    experiment_state: shown.map((plan) => ({ labels: { plan: cutValue(plan.plan_id), state: plan.state }, value: 1 })),
  };
}
