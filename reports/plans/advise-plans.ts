// Which plans to hold: every portfolio of one plan per account the history used, priced, with its limit hits and waits (pure).
import type { WorkPerToken } from './measure-work-per-token.js';
import {
  type AccountHistory,
  type BlockedColumns,
  type PlanCandidate,
  type PlanOutcome,
  replayPlanOutcome,
  type Spread,
} from './price-plan-outcome.js';
import { type SeatHistory, type SeatOutcome, spillToSeat } from './spill-to-seat.js';

/** The days in a month, as plan prices are counted (budget/plans/price-window.ts). */
const DAYS_A_MONTH = 30.4375;
/** Past this many portfolios only the cheapest are kept (each is a product of every account's tiers). */
const MAX_PORTFOLIOS = 500;

export interface Portfolio {
  plans: string[];
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
  /** Why its work is not counted (an account no experiment measured); null when it is. */
  work_na: string | null;
  na: string | null;
}

export interface PlansAdvice {
  since: string;
  until: string;
  days: number;
  accounts: { provider: string; held: string | null; asked_tokens: number; outcomes: PlanOutcome[] }[];
  portfolios: Portfolio[];
  /** The cheapest portfolio with no limit hit at the calibration's estimate, and at its least favourable end. */
  cheapest_covering: Portfolio | null;
  cheapest_covering_surely: Portfolio | null;
  most_tokens_per_usd: Portfolio | null;
  /** The portfolio with the most correct work per dollar, where every account's work per token was measured. */
  most_work_per_usd: Portfolio | null;
  notes: string[];
}

export interface AdviseInput {
  histories: readonly AccountHistory[];
  /** Every plan the table knows, by provider: the candidates of each account. */
  plans: readonly PlanCandidate[];
  since_ms: number;
  until_ms: number;
  /** The experiment's correct work per million tokens, by account (measureWorkPerToken); absent: tokens only. */
  work?: ReadonlyMap<string, WorkPerToken>;
  /** Providers the experiment measured that you do not use: each of their plans is offered as one more seat. */
  seats?: readonly SeatHistory[];
}

export function advisePlans(input: AdviseInput): PlansAdvice {
  const days = Math.max(0, (input.until_ms - input.since_ms) / 86_400_000);
  const notes: string[] = [];
  if (days < 7) notes.push(`the history spans ${days.toFixed(1)} days: too short to say how a weekly bar binds (4 weeks are the default)`);
  const work = input.work ?? new Map<string, WorkPerToken>();
  const measured = [...input.histories, ...(input.seats ?? [])].filter((one) => work.has(one.provider)).map((one) => one.provider);
  notes.push(
    measured.length === 0
      ? 'work is counted in tokens served: no experiment in the data dir measured correct work per token of these accounts'
      : `correct work per token from the experiment's scored arms of ${measured.join(', ')}; where an account has none, its portfolios' work is n/a`,
  );
  const blocked = new Map<PlanOutcome, { history: AccountHistory; blocked: BlockedColumns }>();
  const accounts = input.histories.map((history) => {
    const candidates = input.plans.filter((plan) => plan.provider === history.provider);
    const outcomes = candidates.map((plan) => {
      const replayed = replayPlanOutcome(history, plan);
      blocked.set(replayed.outcome, { history, blocked: replayed.blocked });
      return replayed.outcome;
    });
    return { provider: history.provider, held: history.held?.id ?? null, asked_tokens: sumTokens(history.demand.amount), outcomes };
  });
  for (const account of accounts)
    if (account.outcomes.length === 0) notes.push(`${account.provider} has no plan in the plan table: it is left out of every portfolio`);
  const perMonth = days > 0 ? DAYS_A_MONTH / days : 0;
  const seatPlans = (input.seats ?? []).flatMap((seat) =>
    input.plans.filter((plan) => plan.provider === seat.provider).map((plan) => ({ seat, plan })),
  );
  const portfolios = combine(accounts.filter((account) => account.outcomes.length > 0).map((account) => account.outcomes))
    .flatMap((outcomes) => {
      const alone = composePortfolio(outcomes, perMonth, work, null);
      if (alone.na !== null) return [alone];
      const held = outcomes.map((outcome) => blocked.get(outcome) as { history: AccountHistory; blocked: BlockedColumns });
      return [
        alone,
        ...seatPlans.map(({ seat, plan }) =>
          composePortfolio(outcomes, perMonth, work, spillToSeat({ accounts: held, seat, plan, work }), plan),
        ),
      ];
    })
    .sort((a, b) => a.usd_per_month - b.usd_per_month || a.plans.join().localeCompare(b.plans.join()));
  if (portfolios.length > MAX_PORTFOLIOS) notes.push(`${portfolios.length} portfolios: the ${MAX_PORTFOLIOS} cheapest are shown`);
  const shown = portfolios.slice(0, MAX_PORTFOLIOS);
  const sized = shown.filter((portfolio) => portfolio.hits !== null);
  const best = [...sized].sort((a, b) => (b.tokens_per_usd ?? 0) - (a.tokens_per_usd ?? 0))[0] ?? null;
  const worked = sized.filter((portfolio) => portfolio.work_per_usd !== null);
  const bestWork = [...worked].sort((a, b) => (b.work_per_usd?.estimate ?? 0) - (a.work_per_usd?.estimate ?? 0))[0] ?? null;
  return {
    since: new Date(input.since_ms).toISOString(),
    until: new Date(input.until_ms).toISOString(),
    days,
    accounts,
    portfolios: shown,
    cheapest_covering: sized.find((portfolio) => portfolio.hits?.estimate === 0) ?? null,
    cheapest_covering_surely: sized.find((portfolio) => portfolio.hits?.high === 0) ?? null,
    most_tokens_per_usd: best,
    most_work_per_usd: bestWork,
    notes,
  };
}

/**
 * A portfolio's figures. With a seat, a limit hit of your plans is not a wait (the held-back work went to the seat):
 * its hits and hours are the seat's own. Work a month: each account's tokens served times its work per token, each
 * end pairing the bars' smallest size with the experiment's lower end (and the other way round).
 */
function composePortfolio(
  outcomes: readonly PlanOutcome[],
  perMonth: number,
  work: ReadonlyMap<string, WorkPerToken>,
  seat: SeatOutcome | { na: string } | null,
  seatPlan?: PlanCandidate,
): Portfolio {
  const usd = outcomes.reduce((sum, outcome) => sum + outcome.usd_per_month, 0) + (seatPlan?.usd_per_month ?? 0);
  const plans = [...outcomes.map((outcome) => outcome.plan), ...(seatPlan ? [seatPlan.id] : [])];
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
  if (unsized !== null || (seat !== null && seat.na !== null)) return { plans, usd_per_month: usd, ...none, work_na: unsized, na: unsized };
  const served = [...outcomes, ...(seat ? [seat] : [])];
  const sum = (spreads: readonly (Spread | null)[]): Spread => {
    const end = (key: 'low' | 'high') =>
      spreads.some((spread) => spread?.[key] == null) ? null : spreads.reduce((total, spread) => total + (spread?.[key] ?? 0), 0);
    return { estimate: spreads.reduce((total, spread) => total + (spread?.estimate ?? 0), 0), low: end('low'), high: end('high') };
  };
  const tokens = served.reduce((total, outcome) => total + (outcome.served_tokens?.estimate ?? 0), 0) * perMonth;
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
  };
}

function sumTokens(amounts: readonly number[]): number {
  return amounts.reduce((sum, amount) => sum + amount, 0);
}

/** Every choice of one item from each list (the lists' order kept). */
function combine<T>(lists: readonly (readonly T[])[]): T[][] {
  if (lists.length === 0) return [];
  return lists.reduce<T[][]>((partial, list) => partial.flatMap((chosen) => list.map((item) => [...chosen, item])), [[]]);
}
