// The variance a plan's power is computed from: earlier windows of the data dir when they pair the plan's providers: pure.
import { pluralize } from '../../kernel/index.js';
import { createPriceTable, type PriceTable } from '../../budget/prices/index.js';
import type { ReportLedger } from '../../ledger/index.js';
import { computeVarianceComponents } from '../stats/variance-components.js';
import { computeWindowMetrics } from './compute-window-metrics.js';
import type { PlanningVariance } from './plan-design-power.js';
import { priceWindowMetrics } from './price-window-metrics.js';
import { collectDifferences } from './summarize-epochs.js';
import { summarizeWindowUsage } from './summarize-window-usage.js';

/**
 * With no earlier windows: one run's share gap A - B has an SD of 0.5, half of its variance between tasks (ICC
 * 0.5). That is what a coefficient of variation of 1 in the difference of efficiencies makes of it: the gap is
 * about (A - B) / (2 x mean), so an SD of A - B equal to the mean gives 0.5. Stated wherever it is used.
 */
export const DEFAULT_PLANNING_VARIANCE: PlanningVariance = {
  source: 'default-assumption',
  between: 0.125,
  within: 0.125,
  reference_mean: 1,
  description:
    "no earlier windows pair these providers: assumed SD of one run's share gap A - B = 0.5, half of its variance between tasks (ICC 0.5)",
  windows: 0,
  tasks: [],
  providers: [],
};

/**
 * The earlier windows in which both A and B (the plan's first two providers) ran a task, priced in the
 * estimand: the share gap A - B per run, grouped by task, split into between- and within-task variance (one-way ANOVA);
 * with one run per task, the whole variance counts as between (epochs are not assumed to help). Fewer than
 * 3 paired tasks, or no variance: the default assumption.
 */
export function estimatePlanningVariance(
  ledger: ReportLedger,
  pair: readonly [string, string],
  options: { reference: string; estimand: 'usd' | 'bars'; prices?: PriceTable },
): PlanningVariance {
  const prices = options.prices ?? createPriceTable();
  const measured = computeWindowMetrics(ledger.windows, summarizeWindowUsage(ledger.telemetry, prices));
  const { windows } = priceWindowMetrics(measured.windows, ledger.windows, options.estimand, 0.95);
  const groups = collectDifferences(windows, pair);
  // A task run in several plans is still one task: its runs across plans are within-task repeats, like epochs.
  const byTask = new Map<string, number[]>();
  for (const [key, runs] of groups) {
    const task = key.slice(key.indexOf('\u0000') + 1);
    byTask.set(task, [...(byTask.get(task) ?? []), ...runs]);
  }
  const differences = [...byTask.values()];
  const runs = differences.flat();
  const paired = new Set([...groups.keys()]);
  const used = windows.filter(
    (w) => w.feature_id !== null && pair.includes(w.provider) && paired.has(`${w.plan_id ?? ''}\u0000${w.feature_id}`),
  );
  const referenceRuns = used.filter((w) => w.provider === options.reference && w.efficiency !== null);
  const referenceMean = referenceRuns.reduce((sum, w) => sum + (w.efficiency ?? 0), 0) / Math.max(1, referenceRuns.length);
  if (byTask.size < 3 || !(referenceMean !== 0)) return DEFAULT_PLANNING_VARIANCE;
  const components = computeVarianceComponents(differences);
  const mean = runs.reduce((sum, d) => sum + d, 0) / runs.length;
  const total = runs.reduce((sum, d) => sum + (d - mean) ** 2, 0) / (runs.length - 1);
  const split = components.between !== null && components.within !== null;
  if (!(total > 0)) return DEFAULT_PLANNING_VARIANCE;
  const tasks = [...new Set(used.map((w) => w.feature_id as string))].sort();
  return {
    source: 'earlier-windows',
    between: split ? (components.between as number) : total,
    within: split ? components.within : null,
    reference_mean: referenceMean,
    description: `${pluralize(used.length, 'earlier window')} of ${pair.join(' and ')} on ${pluralize(byTask.size, 'task')} (${pluralize(runs.length, 'paired run')}${split ? `, up to ${Math.max(...differences.map((d) => d.length))} per task` : ', one per task'})`,
    windows: used.length,
    tasks,
    providers: [...pair],
  };
}
