// Failover portfolios beside a bigger tier and a seat: for each plan held, each chain to another account or plan, replayed (pure).
import { findProvider, listProviders, listProviderTiers, type ProviderCatalog } from '../../ledger/vocabulary/index.js';
import type { Spread } from '../headroom/index.js';
import { findBaseProvider } from '../usage/account-keys.js';
import type { AccountHistory, PlanCandidate } from './price-plan-outcome.js';
import { replayFailover } from './replay-failover.js';
import { compareSeats, compareTier, subtractSpread } from './compare-tier-and-seat.js';
import type { FailoverAdvice, FailoverInputs, FailoverOption } from './failover-types.js';

export type { FailoverAdvice, FailoverInputs, FailoverOption } from './failover-types.js';

/** For each account on a plan that can be sized: its chains, its bigger tiers and the seat portfolios, in that order. */
export function compareFailovers(input: FailoverInputs): FailoverAdvice[] {
  return input.histories.flatMap((history) => {
    const held = history.held;
    const outcome = input.accounts.find((one) => one.provider === history.provider)?.outcomes.find((one) => one.plan === held?.id);
    if (!held || !outcome) return [];
    const chains = listTargets(history, input).map((target) => replayChain(history, held, target, input));
    const tiers = (input.accounts.find((one) => one.provider === history.provider)?.outcomes ?? [])
      .filter((one) => one.usd_per_month > held.usd_per_month)
      .map((one) => compareTier(one, outcome, held, input.work.get(history.provider) ?? null, input.per_month));
    return [
      {
        provider: history.provider,
        plan: held.id,
        usd_per_month: held.usd_per_month,
        hits: outcome.hits,
        waited_hours: outcome.waited_hours,
        options: [...chains, ...tiers, ...compareSeats(input)],
      },
    ];
  });
}

interface Target {
  to: string;
  plan: PlanCandidate;
  /** The account's use and bars; null with the reason when its bars were never read. */
  history: AccountHistory | null;
  reason: string;
  added: boolean;
}

/** The accounts a chain can move to: those you hold, and a new one on each plan of each provider of the same protocol. */
function listTargets(from: AccountHistory, input: FailoverInputs): Target[] {
  const base = findBaseProvider(from.provider);
  const protocol = findProvider(input.catalog, base)?.protocol;
  const held = input.histories
    .filter((other) => other !== from && other.held !== null && speaksAs(input.catalog, other.provider, base, protocol))
    .map((other) => ({ to: other.provider, plan: other.held as PlanCandidate, history: other, reason: '', added: false }));
  const providers = [base, ...listSameProtocol(input.catalog, protocol).filter((id) => id !== base)];
  const added = providers.flatMap((provider) => {
    // Another provider's bars are read from all the ledger (a second calibration) only where its tokens could be
    // counted as yours at all: with the experiment's work per token of both (replayChain says why not, first).
    const exchange = input.work.has(from.provider) && input.work.has(provider);
    const mine = input.histories.find((one) => findBaseProvider(one.provider) === provider);
    const source = provider === base ? from : (mine ?? (exchange ? input.readBars(provider) : null));
    // A new account starts its own weekly period with its first use: no seen reset to repeat from.
    const fresh = source && {
      ...source,
      provider,
      demand: { at_ms: [], amount: [] },
      bars: Object.fromEntries(Object.entries(source.bars).map(([bar, one]) => [bar, { ...one, anchor_ms: null }])),
    };
    const name = provider === base ? `a second ${provider} account` : `a new ${provider} account`;
    // A second account of your provider on a dearer tier than yours is a bigger tier with extra steps: not offered.
    const tiers = provider === base && from.held && !input.plans(provider).some((plan) => plan.id === from.held?.id) ? [from.held] : [];
    const plans = [...tiers, ...input.plans(provider)].filter(
      (plan) => provider !== base || plan.usd_per_month <= (from.held?.usd_per_month ?? 0),
    );
    return plans.map((plan) => ({
      to: name,
      plan,
      history: fresh ?? null,
      reason: `${provider}'s bars were never read in this data dir: its plans are sized only from its own readings`,
      added: true,
    }));
  });
  return [...held, ...added];
}

/** Whether an account can take a client's requests: one of the same provider, or of another that speaks its protocol. */
function speaksAs(catalog: ProviderCatalog, label: string, base: string, protocol: string | undefined): boolean {
  const provider = findBaseProvider(label);
  return provider === base || (protocol !== undefined && findProvider(catalog, provider)?.protocol === protocol);
}

/** The providers that speak a protocol and sell plans, in the catalog's order. */
function listSameProtocol(catalog: ProviderCatalog, protocol: string | undefined): string[] {
  return listProviders(catalog)
    .filter((provider) => protocol !== undefined && provider.protocol === protocol && listProviderTiers(catalog, provider.id).length > 0)
    .map((provider) => provider.id);
}

function replayChain(history: AccountHistory, held: PlanCandidate, target: Target, input: FailoverInputs): FailoverOption {
  const toProvider = findBaseProvider(target.plan.provider);
  const option = {
    kind: 'chain' as const,
    name: `${findBaseProvider(history.provider)}>${toProvider}`,
    plans: [held.id, target.plan.id],
    to: target.to,
    added_usd_per_month: target.added ? target.plan.usd_per_month : 0,
  };
  const none = { hits: null, waited_hours: null, hits_avoided: null, hours_saved: null, moved_tokens: null, work_per_usd: null };
  const [own, theirs] = [input.work.get(history.provider), input.work.get(target.history?.provider ?? toProvider)];
  const same = findBaseProvider(history.provider) === toProvider;
  // The same work in another provider's tokens: the experiment's exchange; one provider's tokens are its own.
  const exchange = same ? 1 : own && theirs && theirs.estimate > 0 ? own.estimate / theirs.estimate : null;
  if (exchange === null) {
    const unmeasured = own ? toProvider : findBaseProvider(history.provider);
    const na = `no experiment measured ${unmeasured}'s correct work per token: ${history.provider}'s tokens cannot be counted in ${toProvider}'s`;
    return { ...option, ...none, work_na: na, na };
  }
  if (target.history === null) return { ...option, ...none, work_na: target.reason, na: target.reason };
  const replay = replayFailover({ from: { history, plan: held }, to: { history: target.history, plan: target.plan }, exchange });
  if (replay.na !== null) return { ...option, ...none, work_na: replay.na, na: replay.na };
  const usd = held.usd_per_month + target.plan.usd_per_month;
  const rateOf = (provider: string) => (same ? own : input.work.get(provider)) ?? null;
  const workAt = (end: keyof Spread): number | null => {
    const [a, b] = [rateOf(history.provider)?.[end] ?? null, rateOf(target.history?.provider ?? '')?.[end] ?? null];
    const [served, moved, mine] = [replay.served_from[end], replay.served_moved[end], replay.served_to_own[end]];
    if (a === null || b === null || served === null || moved === null || mine === null) return null;
    return ((served * a + (moved + mine) * b) * input.per_month) / 1e6 / usd;
  };
  const unmeasured = !own || (!same && !theirs);
  return {
    ...option,
    hits: replay.hits,
    waited_hours: replay.waited_hours,
    hits_avoided: subtractSpread(replay.alone_hits, replay.hits),
    hours_saved: subtractSpread(replay.alone_waited_hours, replay.waited_hours),
    moved_tokens: Math.round(replay.moved_tokens * input.per_month),
    work_per_usd: unmeasured ? null : { estimate: workAt('estimate') ?? 0, low: workAt('low'), high: workAt('high') },
    work_na: unmeasured ? `no experiment measured ${history.provider}'s correct work per token` : null,
    na: null,
  };
}
