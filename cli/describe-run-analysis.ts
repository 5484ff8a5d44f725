// What a run says before its first arm: the analysis it pre-registered, and which providers cannot be priced in its unit.
import type { Plan, AnalysisSettings, ProviderProfile } from '../runner/index.js';
import type { WindowSubscription } from '../ledger/index.js';
import { describeTaskSources } from '../reports/index.js';
import { describeAnalysis } from './commands/experiment-plan.js';
import { listUnpricedProviders } from './resolve-subscriptions.js';

/**
 * "Pre-registered: ..." with the estimand, unit, method and stop rule, so nobody learns the question only from
 * the report; then every provider without a subscription plan, and what that does to the unit (a run
 * without `--plan` compared bars of different plans and said so only in a bullet at the end).
 */
export function describeRunAnalysis(setup: {
  plan: Plan;
  analysis: AnalysisSettings;
  subscriptions: ReadonlyMap<string, WindowSubscription>;
  profiles: ReadonlyMap<string, ProviderProfile>;
}): string {
  const lines = [`Pre-registered analysis of plan ${setup.plan.plan_id}: ${describeAnalysis(setup.plan, setup.analysis)}.`];
  if (setup.analysis.task_sources) lines.push(`Tasks: ${describeTaskSources(setup.analysis.task_sources)}.`);
  const perToken = setup.plan.providers.filter((provider) => setup.profiles.get(provider)?.billing === 'per-token');
  if (perToken.length > 0)
    lines.push(
      setup.analysis.estimand === 'usd'
        ? `${perToken.join(', ')}: an API key billed per token, priced at list prices (no plan, no bars; docs/providers.md).`
        : `note: ${perToken.join(', ')} ${perToken.length === 1 ? 'is' : 'are'} billed per token and counted in tokens: per unit of each provider's own bars, ${perToken.length === 1 ? 'it compares' : 'they compare'} with no plan's bars (--estimand usd prices them at list prices).`,
    );
  const unpriced = listUnpricedProviders(setup.plan.providers, setup.subscriptions, setup.profiles);
  if (unpriced.length === 0) return lines.join('\n');
  const one = unpriced.length === 1;
  const which = `${unpriced.join(', ')} ${one ? 'has' : 'have'} no subscription plan, so ${one ? 'its' : 'their'} windows cannot be priced in dollars`;
  const fix = `pass --plan ${unpriced[0]}=PLAN (plans: docs/providers.md)`;
  lines.push(
    setup.analysis.estimand === 'usd'
      ? `note: ${which}, and this analysis in dollars will fall back to each provider's own bars in its report (a deviation), not comparable across plans: ${fix} before the first arm runs.`
      : `note: ${which}: the analysis is pre-registered per unit of each provider's own bars, not comparable across plans; to compare in dollars, ${fix}.`,
  );
  return lines.join('\n');
}
