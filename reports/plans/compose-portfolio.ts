// One portfolio's figures: its plans' outcomes (and a seat's) summed into dollars, hits, waits, tokens and correct work a month (pure).
import type { WorkPerToken } from './measure-work-per-token.js';
import type { PlanCandidate, PlanOutcome, Spread } from './price-plan-outcome.js';
import type { SeatOutcome } from './spill-to-seat.js';
import type { DroppedPlan } from './drop-into-held.js';

export interface Portfolio {
  plans: string[];
  /** Each account's plan in it (null: given up, its use moved), in the accounts' order: which login holds which plan. */
  holdings: { provider: string; plan: string | null }[];
  usd_per_month: number;
  /** Null with `na` when one of its plans cannot be sized. */
  hits: Spread | null;
  waited_hours: Spread | null;
  /** The seat added for what the plans held back (a provider the experiment measured, not one you use), its tokens a month; null for none. */
  seat: Omit<SeatOutcome, 'na' | 'hits' | 'waited_hours'> | null;
  /** Tokens a month it would have served (at the estimate), and per dollar. */
  tokens_a_month: number | null;
  tokens_per_usd: number | null;
  /** Correct work a month (tokens served x each account's work per million tokens in the experiment), and per dollar. */
  work_a_month: Spread | null;
  work_per_usd: Spread | null;
  /** The account whose plan this portfolio gives up, and the account its use moves to (drop-into-held.ts); absent for none. */
  dropped?: DroppedPlan;
  /** Why its work is not counted (an account no experiment measured); null when it is. */
  work_na: string | null;
  na: string | null;
  /** One of the few `tracker plans` lists first (rankPortfolios): the plans held, a headline's, or one no other beats. */
  worth_reading?: boolean;
}

/**
 * A portfolio's figures. With a seat, a limit hit of your plans is not a wait (the held-back work went to the seat):
 * its hits and hours are the seat's own. Work a month: each account's tokens served times its work per token, each
 * end pairing the bars' smallest size with the experiment's lower end (and the other way round).
 */
export function composePortfolio(
  outcomes: readonly PlanOutcome[],
  perMonth: number,
  work: ReadonlyMap<string, WorkPerToken>,
  seat: SeatOutcome | { na: string } | null,
  seatPlan?: PlanCandidate,
): Portfolio {
  const usd = outcomes.reduce((sum, outcome) => sum + outcome.usd_per_month, 0) + (seatPlan?.usd_per_month ?? 0);
  // An account that gave up its plan (emptyOutcome) names none.
  const plans = [...outcomes.map((outcome) => outcome.plan).filter(Boolean), ...(seatPlan ? [seatPlan.id] : [])];
  const holdings = outcomes.map((outcome) => ({ provider: outcome.provider, plan: outcome.plan || null }));
  const unsized = outcomes.find((outcome) => outcome.na !== null)?.na ?? (seat?.na ? seat.na : null);
  const none = {
    seat: null,
    hits: null,
    waited_hours: null,
    tokens_a_month: null,
    tokens_per_usd: null,
    work_a_month: null,
    work_per_usd: null,
  };
  if (unsized !== null || (seat !== null && seat.na !== null))
    return { plans, holdings, usd_per_month: usd, ...none, work_na: unsized, na: unsized };
  const served = [...outcomes, ...(seat ? [seat] : [])];
  const sum = (spreads: readonly (Spread | null)[]): Spread => {
    const end = (key: 'low' | 'high') =>
      spreads.some((spread) => spread?.[key] == null) ? null : spreads.reduce((total, spread) => total + (spread?.[key] ?? 0), 0);
    return { estimate: spreads.reduce((total, spread) => total + (spread?.estimate ?? 0), 0), low: end('low'), high: end('high') };
  };
  // Tokens a month counted in yours: the seat's in the tokens of yours it took (its own would reward a seat doing less a token).
  const tokens =
    (outcomes.reduce((total, outcome) => total + (outcome.served_tokens?.estimate ?? 0), 0) + (seat?.served_as_yours.estimate ?? 0)) *
    perMonth;
  const unmeasured = served.find((outcome) => !work.has(outcome.provider));
  const workAt = (end: keyof Spread) => {
    const parts = served.map((outcome) => {
      const [tokensAt, rate] = [outcome.served_tokens?.[end] ?? null, work.get(outcome.provider)?.[end] ?? null];
      return tokensAt === null || rate === null ? null : (tokensAt * perMonth * rate) / 1e6;
    });
    return parts.some((part) => part === null) ? null : parts.reduce<number>((total, part) => total + (part ?? 0), 0);
  };
  const monthWork = unmeasured ? null : { estimate: workAt('estimate') ?? 0, low: workAt('low'), high: workAt('high') };
  const { hits, waited_hours, na: _na, ...seatShown } = seat ?? { hits: null, waited_hours: null, na: null };
  return {
    plans,
    holdings,
    usd_per_month: Math.round(usd * 100) / 100,
    seat: seat ? scaleSeat(seatShown as NonNullable<Portfolio['seat']>, perMonth) : null,
    hits: seat ? hits : sum(outcomes.map((outcome) => outcome.hits)),
    waited_hours: seat ? waited_hours : sum(outcomes.map((outcome) => outcome.waited_hours)),
    tokens_a_month: Math.round(tokens),
    tokens_per_usd: usd > 0 ? Math.round(tokens / usd) : null,
    work_a_month: monthWork,
    work_per_usd:
      monthWork && usd > 0
        ? {
            estimate: monthWork.estimate / usd,
            low: monthWork.low === null ? null : monthWork.low / usd,
            high: monthWork.high === null ? null : monthWork.high / usd,
          }
        : null,
    work_na: unmeasured ? `no experiment measured ${unmeasured.provider}'s correct work per token` : null,
    na: null,
  };
}

/** The seat's tokens a month, as the portfolio's are counted. */
function scaleSeat(seat: NonNullable<Portfolio['seat']>, perMonth: number): NonNullable<Portfolio['seat']> {
  const scale = (value: number | null) => (value === null ? null : Math.round(value * perMonth));
  const served = seat.served_tokens;
  return {
    ...seat,
    moved_tokens: Math.round(seat.moved_tokens * perMonth),
    served_tokens: { estimate: Math.round(served.estimate * perMonth), low: scale(served.low), high: scale(served.high) },
    served_as_yours: {
      estimate: Math.round(seat.served_as_yours.estimate * perMonth),
      low: scale(seat.served_as_yours.low),
      high: scale(seat.served_as_yours.high),
    },
  };
}
