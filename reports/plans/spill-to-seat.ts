// One more seat: the work your plans' limits held back, moved to a provider the experiment measured, and what its plan does with it (pure).
import type { Spread } from '../headroom/index.js';
import type { WorkPerToken } from './measure-work-per-token.js';
import { type AccountHistory, type BlockedColumns, type PlanCandidate, replayPlanOutcome } from './price-plan-outcome.js';

/** A provider with no demand of yours: its bars calibrated on the experiment's readings, under the plan its arms ran on. */
export type SeatHistory = Pick<AccountHistory, 'provider' | 'held' | 'bars'>;

export interface SeatOutcome {
  provider: string;
  plan: string;
  usd_per_month: number;
  /** Tokens moved to the seat, in its own tokens (the same correct work at its work per token), at the estimate. */
  moved_tokens: number;
  /** Of those, what its plan served; the windows in which it too hit a limit, and the hours waited then. */
  served_tokens: Spread;
  /** What it served counted in your own tokens (the held-back tokens it took, before the exchange): what a portfolio's tokens add. */
  served_as_yours: Spread;
  hits: Spread;
  waited_hours: Spread;
  na: null;
}

export interface SpillInput {
  /** The portfolio's accounts: their demand and what their plans held back of each use. */
  accounts: readonly { history: AccountHistory; blocked: BlockedColumns }[];
  seat: SeatHistory;
  plan: PlanCandidate;
  work: ReadonlyMap<string, WorkPerToken>;
}

/**
 * A use held back by a limit goes to the seat instead of waiting, as the same correct work: its tokens times the
 * account's work per token over the seat's (the experiment's estimates). The seat's plan replays that stream as it
 * replays yours: what it holds back too is what would have waited. Each end pairs the end at which your plans held
 * back the most with the seat's smallest bars (and the other way round). N/a, with the reason, where a held-back
 * account's work per token was not measured (its tokens cannot be turned into the seat's) or the seat cannot be sized.
 */
export function spillToSeat(input: SpillInput): SeatOutcome | { na: string } {
  const seatWork = input.work.get(input.seat.provider);
  if (!seatWork || !(seatWork.estimate > 0)) return { na: `no experiment measured ${input.seat.provider}'s correct work per token` };
  const ratios = new Map<string, number>();
  for (const { history, blocked } of input.accounts) {
    const own = input.work.get(history.provider);
    if (own) ratios.set(history.provider, own.estimate / seatWork.estimate);
    // Held back at any end: tokens that cannot be turned into the seat's would vanish from that end's replay.
    else if ([blocked.estimate, blocked.low, blocked.high].some((held) => held?.some((tokens) => tokens > 0)))
      return {
        na: `no experiment measured ${history.provider}'s correct work per token: what its limits held back cannot move to ${input.seat.provider}`,
      };
  }
  const replay = (end: keyof Spread) => {
    const moved: { at: number; amount: number }[] = [];
    let own = 0;
    for (const { history, blocked } of input.accounts) {
      const held = blocked[end];
      if (held === null) return null;
      history.demand.at_ms.forEach((at, index) => {
        const tokens = held[index] ?? 0;
        if (tokens <= 0) return;
        own += tokens;
        moved.push({ at, amount: tokens * (ratios.get(history.provider) ?? 0) });
      });
    }
    moved.sort((a, b) => a.at - b.at);
    const demand = { at_ms: moved.map((use) => use.at), amount: moved.map((use) => use.amount) };
    const total = demand.amount.reduce((sum, tokens) => sum + tokens, 0);
    return { moved: total, own, ...replayPlanOutcome({ ...input.seat, demand }, input.plan) };
  };
  // Blocked `low` is where your plans served least (their bars' smallest size): paired with the seat's smallest bars.
  const [middle, least, most] = [replay('estimate'), replay('low'), replay('high')];
  if (middle === null || middle.outcome.na !== null) return { na: middle?.outcome.na ?? 'a plan of the portfolio cannot be sized' };
  const pick = (key: 'hits' | 'waited_hours' | 'served_tokens'): Spread => ({
    estimate: middle.outcome[key]?.estimate ?? 0,
    low: (key === 'served_tokens' ? least : most)?.outcome[key]?.low ?? null,
    high: (key === 'served_tokens' ? most : least)?.outcome[key]?.high ?? null,
  });
  // The seat's tokens served back in yours: the share of what moved that it served, of the tokens of yours that moved.
  const asYours = (replayed: typeof middle | null, served: number | null | undefined) =>
    replayed === null || served == null ? null : replayed.moved > 0 ? (served / replayed.moved) * replayed.own : 0;
  const served = pick('served_tokens');
  return {
    provider: input.seat.provider,
    plan: input.plan.id,
    usd_per_month: input.plan.usd_per_month,
    moved_tokens: middle.moved,
    served_tokens: served,
    served_as_yours: {
      estimate: asYours(middle, served.estimate) ?? 0,
      low: asYours(least, served.low),
      high: asYours(most, served.high),
    },
    hits: pick('hits'),
    waited_hours: pick('waited_hours'),
    na: null,
  };
}
