// Tokens and dollars of the ledger as Prometheus counters: the uses `tracker usage` counts, each token once, added up for all time (pure).
import { findBaseProvider } from '../usage/account-keys.js';
import { type CountedDays, isCounted } from '../usage/usage-sources.js';
import type { TokenUse } from '../usage/usage-inputs.js';
import { addWeight, capValues, cutValue, nameProject } from './cap-label-values.js';
import type { MetricSample } from './ledger-metrics.js';

/** Token kinds as the usage tables split them; `unsplit` is what a source counted in its total without a kind (a snapshot's counter). */
export const TOKEN_KINDS = ['input', 'output', 'cache_read', 'cache_creation', 'unsplit'] as const;

interface Group {
  labels: { provider: string; account: string; model: string; project: string };
  kinds: Record<(typeof TOKEN_KINDS)[number], number>;
  usd: number;
  unpriced: number;
}

/**
 * The counted uses (collectCountedUses: each provider's day from its best source) summed by provider, account, model
 * and project. Summed over every label, the tokens are `tracker usage`'s total for the same time zone, and the dollars
 * its dollars where every use was priced; tokens no list price applies to are counted apart, never as $0.
 */
export function summarizeTokenMetrics(
  { uses, winners }: { uses: readonly TokenUse[]; winners: CountedDays },
  label: (key: string) => string,
  maxLabelValues: number,
): { tokens: MetricSample[]; cost_dollars: MetricSample[]; unpriced_tokens: MetricSample[] } {
  const counted = uses.filter((use) => isCounted(winners, use));
  const projects = new Map<string, number>();
  const models = new Map<string, number>();
  for (const use of counted) {
    addWeight(projects, nameProject(use.project), use.total);
    addWeight(models, cutValue(use.model), use.total);
  }
  const project = capValues(projects, maxLabelValues);
  const model = capValues(models, maxLabelValues);
  const groups = new Map<string, Group>();
  for (const use of counted) {
    const account = label(use.provider);
    const labels = {
      provider: findBaseProvider(account),
      account,
      model: model(cutValue(use.model)),
      project: project(nameProject(use.project)),
    };
    const key = JSON.stringify(labels);
    let group = groups.get(key);
    if (!group) {
      group = { labels, kinds: { input: 0, output: 0, cache_read: 0, cache_creation: 0, unsplit: 0 }, usd: 0, unpriced: 0 };
      groups.set(key, group);
    }
    addUse(group, use);
  }
  const all = [...groups.values()];
  return {
    tokens: all.flatMap((group) =>
      TOKEN_KINDS.filter((kind) => group.kinds[kind] > 0).map((kind) => ({ labels: { ...group.labels, kind }, value: group.kinds[kind] })),
    ),
    cost_dollars: all.filter((group) => group.usd > 0).map((group) => ({ labels: group.labels, value: group.usd })),
    unpriced_tokens: sumUnpriced(all),
  };
}

function addUse(group: Group, use: TokenUse): void {
  group.kinds.input += use.input;
  group.kinds.output += use.output;
  group.kinds.cache_read += use.cache_read;
  group.kinds.cache_creation += use.cache_creation;
  // A source may count a total with no kinds (snapshots) or more than its kinds: the rest is counted, not lost.
  group.kinds.unsplit += Math.max(0, use.total - use.input - use.output - use.cache_read - use.cache_creation);
  if (use.usd === null) group.unpriced += use.total;
  else group.usd += use.usd;
}

/** The unpriced tokens by provider, account and model (projects added together). */
function sumUnpriced(groups: readonly Group[]): MetricSample[] {
  const samples = new Map<string, MetricSample>();
  for (const { labels, unpriced } of groups) {
    if (unpriced === 0) continue;
    const key = `${labels.account}\u0000${labels.model}`;
    const sample = samples.get(key) ?? { labels: { provider: labels.provider, account: labels.account, model: labels.model }, value: 0 };
    sample.value += unpriced;
    samples.set(key, sample);
  }
  return [...samples.values()];
}
