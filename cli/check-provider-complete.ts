// What makes a provider complete, for the package's own (the architecture test) and a data dir's declarations alike.
import type { PlanTable } from '../budget/plans/index.js';
import { findModelPrice, type PriceTable } from '../budget/prices/index.js';
import { listProviderTiers, type ProviderCatalog, type ProviderDescriptor } from '../ledger/vocabulary/index.js';
import { findSecondSubscription, type ProviderProfile } from '../runner/index.js';
import { AGENT_CLIS } from '../sources/agents/index.js';

/** A field a provider's declaration lacks or gets wrong, as the line refusing it names it. */
export interface ProviderGap {
  field: string;
  message: string;
}

/** What a provider is checked against: the tables built from the same catalog. */
export interface ProviderTables {
  catalog: ProviderCatalog;
  profiles: Readonly<Record<string, ProviderProfile>>;
  prices: PriceTable;
  plans: PlanTable;
}

/** The profiles whose arms (or sub-agents) spend this provider's account, with the model they send it and their plan. */
export function findProfilesOn(
  provider: ProviderDescriptor,
  profiles: Readonly<Record<string, ProviderProfile>>,
): { id: string; model: string; plan: string | undefined; perToken: boolean }[] {
  const reaches = (upstream: string | undefined) => upstream !== undefined && Object.hasOwn(provider.backends, upstream);
  return Object.entries(profiles).flatMap(([id, profile]) => [
    ...(reaches(profile.upstream) || provider.profiles.includes(id)
      ? [{ id, model: profile.model, plan: profile.plan, perToken: profile.billing === 'per-token' }]
      : []),
    ...[findSecondSubscription(profile)].flatMap((second) =>
      second && reaches(second.upstream)
        ? [
            {
              id: `${id} (${second.via === 'subagents' ? 'sub-agents' : 'failover'})`,
              model: second.model,
              plan: second.plan,
              perToken: false,
            },
          ]
        : [],
    ),
  ]);
}

/**
 * Every gap, in the order a declaration is read: something runs it (a CLI whose home it is, or a profile: a declared
 * provider's `agent`), every model its profiles send has a list price, and it sells plans the plan table knows, unless
 * each profile on it is billed per token (an API key: its windows are priced at list prices, no plan is sold).
 */
export function checkProviderComplete(provider: ProviderDescriptor, tables: ProviderTables): ProviderGap[] {
  const gaps: ProviderGap[] = [];
  const on = findProfilesOn(provider, tables.profiles);
  const driven = Object.values(AGENT_CLIS).some((cli) => cli.homeProvider === provider.id);
  if (!driven && on.length === 0)
    gaps.push({
      field: 'agent',
      message: 'missing: expected the agent CLI that drives it, {"driver", "model"} (no experiment can run it)',
    });
  for (const { id, model } of on)
    if (findModelPrice(tables.prices, model, provider.id) === null)
      gaps.push({
        field: `prices.${model}`,
        message: `missing: expected the list price of the model profile ${id} sends it (USD per million tokens)`,
      });
  for (const { id, plan } of on)
    if (plan !== undefined && !Object.hasOwn(tables.plans, plan))
      gaps.push({
        field: 'agent.plan',
        message: `no plan ${JSON.stringify(plan)} (profile ${id}): expected one of its plans or the plan table's`,
      });
  const tiers = listProviderTiers(tables.catalog, provider.id);
  const perToken = on.length > 0 && on.every((profile) => profile.perToken);
  if (tiers.length === 0 && !perToken)
    gaps.push({
      field: 'plans',
      message:
        'missing: expected the plans it sells, {"id": {name, usd_per_month, priced_at, windows}}, or agent.billing "per-token" for a key billed per token',
    });
  for (const tier of tiers)
    if ((tables.plans[tier]?.windows.length ?? 0) === 0)
      gaps.push({ field: `plans.${tier}`, message: 'expected a plan the plan table knows, metering at least one bar' });
  return gaps;
}
