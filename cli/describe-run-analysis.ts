// What a run says before its first arm: the analysis it pre-registered, and which providers cannot be priced in its unit.
import type { Plan, AnalysisSettings } from '../runner/index.js';
import type { WindowSubscription } from '../ledger/index.js';
import { describeTaskSources } from '../reports/index.js';
import { describeAnalysis } from './commands/experiment-plan.js';

/**
 * "Pre-registered: ..." with the estimand, unit, method and stop rule, so nobody learns the question only from
 * the report; then, for a plan in dollars, every provider without a subscription plan (issue 32: a run without
 * `--plan` compared bars of different plans and said so only in a bullet at the end).
 */
export function describeRunAnalysis(setup: {
  plan: Plan;
  analysis: AnalysisSettings;
  subscriptions: ReadonlyMap<string, WindowSubscription>;
}): string {
  const lines = [`Pre-registered analysis of plan ${setup.plan.plan_id}: ${describeAnalysis(setup.plan, setup.analysis)}.`];
  if (setup.analysis.task_sources) lines.push(`Tasks: ${describeTaskSources(setup.analysis.task_sources)}.`);
  const unpriced = setup.plan.providers.filter((provider) => !setup.subscriptions.has(provider));
  if (setup.analysis.estimand === 'usd' && unpriced.length > 0)
    lines.push(
      `note: ${unpriced.join(', ')} ${unpriced.length === 1 ? 'has' : 'have'} no subscription plan, so ${unpriced.length === 1 ? 'its' : 'their'} windows cannot be priced in dollars and the analysis will fall back to each provider's own bars, which are not comparable across plans: pass --plan ${unpriced[0]}=PLAN (plans: docs/providers.md) before the first arm runs.`,
    );
  return lines.join('\n');
}
