// A plan given up: its account's use moved to another account of the portfolio, replayed there beside that account's own (pure).
import { findBaseProvider } from '../usage/account-keys.js';
import type { WorkPerToken } from './measure-work-per-token.js';
import { type AccountHistory, type PlanCandidate, type PlanOutcome, replayPlanOutcome } from './price-plan-outcome.js';

/** Which account gave up its plan, which took its use, and how many of the taker's tokens that use is. */
export interface DroppedPlan {
  provider: string;
  into: string;
  /** The dropped account's use, in the taker's tokens, over the history. */
  moved_tokens: number;
  /**
   * How its tokens became the taker's: one provider's two logins (`claude@acct-…`) spend the same tokens on the same
   * models, so the same count (`same-provider`: both logins on one plan); another provider's at the experiment's work
   * per token of both, or token for token where not measured.
   */
  exchange: 'same-provider' | 'work-per-token' | 'token-for-token';
}

export interface DropChoice {
  dropped: DroppedPlan;
  /** The portfolio's outcomes for every account: the taker's replayed on both uses, the dropped one's empty. */
  choices: PlanOutcome[][];
}

/**
 * Every way to give up one account's plan and move its use to another account you keep: for a plan used a little
 * (a Google AI plan at under 1% of its daily bar), the other plans may take it without a hit, for less money. The
 * moved use keeps its times, so it meets the taker's own use in the same windows. Its tokens become the taker's at the
 * experiment's work per token of both (the same correct work), else token for token, which `exchange` says (the
 * portfolio's correct work is then n/a, as for any account no experiment measured).
 */
export function listDropChoices(
  histories: readonly AccountHistory[],
  candidates: ReadonlyMap<string, readonly PlanOutcome[]>,
  plans: readonly PlanCandidate[],
  work: ReadonlyMap<string, WorkPerToken>,
): DropChoice[] {
  const kept = histories.filter((history) => (candidates.get(history.provider)?.length ?? 0) > 0);
  if (kept.length < 2) return [];
  const drops: DropChoice[] = [];
  for (const dropped of kept)
    for (const taker of kept) {
      if (taker === dropped) continue;
      const [from, to] = [work.get(dropped.provider)?.estimate, work.get(taker.provider)?.estimate];
      const same = findBaseProvider(dropped.provider) === findBaseProvider(taker.provider);
      const measured = !same && from !== undefined && to !== undefined && from > 0 && to > 0;
      const ratio = measured ? from / to : 1;
      const demand = mergeDemand(taker, dropped, ratio);
      const replayed = plans
        .filter((plan) => plan.provider === taker.provider)
        .map((plan) => replayPlanOutcome({ ...taker, demand }, plan).outcome);
      const choices = kept.map((history) =>
        history === taker ? replayed : history === dropped ? [emptyOutcome(dropped)] : [...(candidates.get(history.provider) ?? [])],
      );
      drops.push({
        dropped: {
          provider: dropped.provider,
          into: taker.provider,
          moved_tokens: Math.round(dropped.demand.amount.reduce((sum, tokens) => sum + tokens, 0) * ratio),
          exchange: same ? 'same-provider' : measured ? 'work-per-token' : 'token-for-token',
        },
        choices,
      });
    }
  return drops;
}

/** An account without a plan: nothing served, nothing paid. */
export function emptyOutcome(history: AccountHistory): PlanOutcome {
  const zero = { estimate: 0, low: 0, high: 0 };
  return {
    provider: history.provider,
    plan: '',
    usd_per_month: 0,
    na: null,
    capacity: {},
    hits: zero,
    waited_hours: zero,
    hit_windows: [],
    served_tokens: zero,
    asked_tokens: history.demand.amount.reduce((sum, tokens) => sum + tokens, 0),
  };
}

/** The taker's uses and the dropped account's (in the taker's tokens), in time order. */
function mergeDemand(taker: AccountHistory, dropped: AccountHistory, ratio: number): AccountHistory['demand'] {
  const uses = [
    ...taker.demand.at_ms.map((at, i) => ({ at, amount: taker.demand.amount[i] ?? 0 })),
    ...dropped.demand.at_ms.map((at, i) => ({ at, amount: (dropped.demand.amount[i] ?? 0) * ratio })),
  ].sort((a, b) => a.at - b.at);
  return { at_ms: uses.map((use) => use.at), amount: uses.map((use) => use.amount) };
}
