// Which subscription plan each provider is measured under (profile default, `--plan provider=plan`), priced from the plan table.
import { existsSync } from 'node:fs';
import { createPlanTable, PlansFileSchema, priceSubscription, type PlanTable } from '../budget/index.js';
import { readJsonFile, type WindowSubscription } from '../ledger/index.js';
import { AppError } from '../kernel/index.js';
import { listProviders, type ProviderCatalog } from '../ledger/vocabulary/index.js';
import { findSecondSubscription, isPortfolioId, listPortfolioMembers, type ProviderProfile } from '../runner/index.js';

/** A plans file names a few plans: kilobytes. */
const PLANS_FILE = { what: 'a plans file', maxBytes: 1024 * 1024 };

/** The built-in and the catalog's plans, or them under a plans file (`--plans FILE`). */
export function loadPlanTable(catalog: ProviderCatalog, file: string | undefined): PlanTable {
  if (file === undefined) return createPlanTable(catalog);
  // `--plans claude=claude-pro` meant `--plan`: said so, not "no such plans file".
  if (/^[^=/\\]+=[^=/\\]+$/.test(file) && !/\.json$/i.test(file) && !existsSync(file))
    throw new AppError(
      'BAD_USAGE',
      `expected a plans file, got ${JSON.stringify(file)}; for one provider's plan use --plan ${file.trim()}`,
      { where: '--plans' },
    );
  return createPlanTable(
    catalog,
    readJsonFile(file, PlansFileSchema, { missing: 'no such plans file', label: 'plans', bound: PLANS_FILE }),
    file,
  );
}

/**
 * `claude=claude-max-20x` pairs from repeated --plan flags, checked against the providers of the run and each
 * provider's own plans (checkPlanProvider).
 */
export function parsePlanFlags(
  values: readonly string[],
  providers: readonly string[],
  catalog: ProviderCatalog,
  table: PlanTable,
): Map<string, string> {
  const chosen = new Map<string, string>();
  for (const value of values) {
    const { provider, plan } = readPlanFlag(value);
    // A portfolio's members (`claude` of `claude>glm`) take a plan too: the subscriptions it is priced on.
    if (!providers.includes(provider) && !providers.some((id) => listPortfolioMembers(id).includes(provider)))
      throw new AppError('BAD_USAGE', `no provider ${JSON.stringify(provider)} in this run (it has ${providers.join(', ')})`, {
        where: '--plan',
      });
    checkPlanProvider(catalog, table, provider, plan);
    chosen.set(provider, plan);
  }
  return chosen;
}

/**
 * One `--plan PROVIDER=PLAN`, its plan lower-cased as every plan id is (`Claude-Max-5x` is `claude-max-5x`); anything
 * else is refused naming the flag.
 */
export function readPlanFlag(value: string): { provider: string; plan: string } {
  const eq = value.indexOf('=');
  const provider = value.slice(0, eq).trim();
  const plan = value
    .slice(eq + 1)
    .trim()
    .toLowerCase();
  if (eq <= 0 || provider === '' || plan === '')
    throw new AppError('BAD_USAGE', `expected PROVIDER=PLAN such as claude=claude-max-20x, got ${JSON.stringify(value)}`, {
      where: '--plan',
    });
  return { provider, plan };
}

/** Each provider's plan with its price now; a provider with none is left out (its windows are priced n/a). */
export function resolveSubscriptions(
  profiles: ReadonlyMap<string, ProviderProfile>,
  chosen: ReadonlyMap<string, string>,
  table: PlanTable,
): Map<string, WindowSubscription> {
  return priceEach(profiles, table, (provider, profile) => {
    if (profile.billing === 'per-token' && chosen.has(provider))
      throw new AppError(
        'BAD_USAGE',
        `${provider} is billed per token (an API key): it has no plan and is priced at list prices; to measure a subscription, run a profile signed in to it (such as codex-chatgpt for a ChatGPT plan)`,
        { where: '--plan' },
      );
    // A portfolio's first subscription is its first member's: `--plan claude=...` prices `claude>glm` too.
    const head = isPortfolioId(provider) ? listPortfolioMembers(provider)[0] : undefined;
    const flag = chosen.has(provider) ? provider : head !== undefined && chosen.has(head) ? head : undefined;
    const id = (flag === undefined ? undefined : chosen.get(flag)) ?? profile.plan;
    return id === undefined ? null : { id, where: flag !== undefined ? '--plan' : `profile ${provider}` };
  });
}

/**
 * The plan of each provider's second subscription (`subagents.plan`, a portfolio's second member's), priced the same
 * way; `--plan glm=...` prices a portfolio's `glm` too.
 */
export function resolveSubagentSubscriptions(
  profiles: ReadonlyMap<string, ProviderProfile>,
  table: PlanTable,
  chosen: ReadonlyMap<string, string> = new Map(),
): Map<string, WindowSubscription> {
  return priceEach(profiles, table, (provider, profile) => {
    const second = findSecondSubscription(profile);
    if (!second) return null;
    const flag = second.via === 'failover' ? chosen.get(second.provider) : undefined;
    if (flag !== undefined) return { id: flag, where: '--plan' };
    return second.plan === undefined ? null : { id: second.plan, where: `profile ${provider} (${second.via}.plan)` };
  });
}

function priceEach(
  profiles: ReadonlyMap<string, ProviderProfile>,
  table: PlanTable,
  pick: (provider: string, profile: ProviderProfile) => { id: string; where: string } | null,
): Map<string, WindowSubscription> {
  const subscriptions = new Map<string, WindowSubscription>();
  for (const [provider, profile] of profiles) {
    const chosen = pick(provider, profile);
    if (chosen) subscriptions.set(provider, priceSubscription(table, chosen.id, chosen.where));
  }
  return subscriptions;
}

/** The providers with neither a plan nor per-token billing: their windows cannot be priced in dollars. */
export function listUnpricedProviders(
  providers: readonly string[],
  subscriptions: ReadonlyMap<string, WindowSubscription>,
  profiles: ReadonlyMap<string, ProviderProfile>,
): string[] {
  return providers.filter((provider) => !subscriptions.has(provider) && profiles.get(provider)?.billing !== 'per-token');
}

/**
 * A plan of one provider's tiers given to another (`--plan claude=chatgpt-plus`) would price one vendor's bars at
 * another's price: refused, naming both. A plan no provider claims (a simulated one, a plans file's without
 * `provider`), or a provider the catalog does not describe (a simulated one), is let through.
 */
export function checkPlanProvider(catalog: ProviderCatalog, table: PlanTable, provider: string, planId: string): void {
  const base = provider.replace(/@acct-[0-9a-f]{10}$/, '');
  const owner = listProviders(catalog).find((candidate) => candidate.tiers?.includes(planId) || table[planId]?.provider === candidate.id);
  const given = listProviders(catalog).find((candidate) => candidate.id === base || candidate.profiles.includes(base));
  if (!owner || !given || owner.id === given.id) return;
  const tiers = given.tiers?.length ? given.tiers.join(', ') : 'none in the plan table';
  throw new AppError(
    'BAD_USAGE',
    `plan ${planId} is ${owner.id}'s, not ${provider}'s: ${provider}'s plans are ${tiers} (did you mean ${owner.id}=${planId}?)`,
    { where: '--plan' },
  );
}
