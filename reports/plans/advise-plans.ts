// Which plans to hold: every portfolio of one plan per account the history used, priced, with its limit hits and waits (pure).
import type { WorkPerToken } from './measure-work-per-token.js';
import { type AccountHistory, type BlockedColumns, type PlanCandidate, type PlanOutcome, replayPlanOutcome } from './price-plan-outcome.js';
import { composePortfolio, type Portfolio } from './compose-portfolio.js';
import { type SeatHistory, spillToSeat } from './spill-to-seat.js';
import { emptyOutcome, listDropChoices } from './drop-into-held.js';
import { dedupePortfolios, isSoundMove, markWorthReading } from './rank-portfolios.js';
import { findHeld, type LoginChoices, pickLoginChoices } from './pick-login-choices.js';

export type { Portfolio } from './compose-portfolio.js';
export type { LoginChoices } from './pick-login-choices.js';

/** The days in a month, as plan prices are counted (budget/plans/price-window.ts). */
export const DAYS_A_MONTH = 30.4375;
/** Past this many portfolios only the cheapest are kept (each is a product of every account's tiers). */
const MAX_PORTFOLIOS = 500;

export interface PlansAdvice {
  since: string;
  until: string;
  days: number;
  accounts: { provider: string; held: string | null; asked_tokens: number; outcomes: PlanOutcome[] }[];
  portfolios: Portfolio[];
  /** The cheapest portfolio with no limit hit at the calibration's estimate, and at its least favourable end. */
  cheapest_covering: Portfolio | null;
  cheapest_covering_surely: Portfolio | null;
  /** The cheapest without a hit that moves one vendor's use to another's plan token for token: listed, never the answer. */
  cheapest_covering_unmeasured: Portfolio | null;
  most_tokens_per_usd: Portfolio | null;
  /**
   * The portfolio with the most correct work per dollar, where every account's work per token was measured, and only
   * when its interval clears every portfolio whose work rests on other measurements; else null.
   */
  most_work_per_usd: Portfolio | null;
  /** When the most work per dollar cannot be told yet: the leader by estimate and the portfolios its interval overlaps. */
  most_work_undecided: { leader: Portfolio; overlapping: Portfolio[] } | null;
  /** Where a provider has two logins or more (`claude@acct-…`): the plans held, and the cheapest without a hit either way. */
  logins: LoginChoices | null;
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
  // With a seat, an account may also give up its plan: all its use then goes to the seat (a switch, not a spill).
  const dropped = new Set<PlanOutcome>();
  const choices = accounts
    .filter((account) => account.outcomes.length > 0)
    .map((account) => {
      const history = input.histories.find((one) => one.provider === account.provider) as AccountHistory;
      if (seatPlans.length === 0) return account.outcomes;
      const all = Float64Array.from(history.demand.amount);
      const none = emptyOutcome(history);
      dropped.add(none);
      blocked.set(none, { history, blocked: { estimate: all, low: all, high: all } });
      return [...account.outcomes, none];
    });
  const portfolios = combine(choices)
    .flatMap((outcomes) => {
      const alone = composePortfolio(outcomes, perMonth, work, null);
      if (outcomes.some((outcome) => dropped.has(outcome)))
        return seatPlans.map(({ seat, plan }) => {
          const held = outcomes.map((outcome) => blocked.get(outcome) as { history: AccountHistory; blocked: BlockedColumns });
          return composePortfolio(outcomes, perMonth, work, spillToSeat({ accounts: held, seat, plan, work }), plan);
        });
      if (alone.na !== null) return [alone];
      const held = outcomes.map((outcome) => blocked.get(outcome) as { history: AccountHistory; blocked: BlockedColumns });
      // A seat beside plans that held nothing back would only add its price: not offered there.
      if (!held.some(({ blocked: ends }) => Object.values(ends).some((column) => column?.some((tokens) => tokens > 0)))) return [alone];
      return [
        alone,
        ...seatPlans.map(({ seat, plan }) =>
          composePortfolio(outcomes, perMonth, work, spillToSeat({ accounts: held, seat, plan, work }), plan),
        ),
      ];
    })
    .concat(composeDrops(input, accounts, perMonth, work))
    .sort((a, b) => a.usd_per_month - b.usd_per_month || a.plans.join().localeCompare(b.plans.join()));
  // Two logins given up into each other are one choice, listed once (rank-portfolios.ts).
  const unique = dedupePortfolios(portfolios);
  if (portfolios.some((portfolio) => portfolio.dropped?.exchange === 'token-for-token'))
    notes.push(
      "a plan given up moves its use to another account of yours token for token where no experiment measured both accounts' correct work per token: its portfolios' work is n/a",
    );
  if (seatPlans.length > 0)
    notes.push(
      `one more seat (${[...new Set(seatPlans.map(({ seat }) => seat.provider))].join(', ')}) is offered beside the portfolios whose limits held some of your use back, and instead of a plan of yours (all its use moved): its hits and hours are what the seat could not take`,
    );
  if (unique.length > MAX_PORTFOLIOS) notes.push(`${unique.length} portfolios: the ${MAX_PORTFOLIOS} cheapest are shown`);
  const shown = unique.slice(0, MAX_PORTFOLIOS);
  // A headline names no portfolio that puts one vendor's use on another's plan at a rate nothing measured.
  const sized = shown.filter((portfolio) => portfolio.hits !== null && isSoundMove(portfolio));
  if (shown.some((portfolio) => portfolio.hits !== null && !isSoundMove(portfolio)))
    notes.push(
      "a portfolio that moves one vendor's use onto another vendor's plan token for token (no experiment measured both vendors' correct work per token) is listed, never named in the answers below",
    );
  const best = [...sized].sort((a, b) => (b.tokens_per_usd ?? 0) - (a.tokens_per_usd ?? 0))[0] ?? null;
  const worked = sized.filter((portfolio) => portfolio.work_per_usd !== null);
  const mostWork = pickMostWork(worked);
  const logins = pickLoginChoices(shown, accounts);
  const answers = {
    cheapest_covering: sized.find((portfolio) => portfolio.hits?.estimate === 0) ?? null,
    cheapest_covering_surely: sized.find((portfolio) => portfolio.hits?.high === 0) ?? null,
    most_tokens_per_usd: best,
    most_work_per_usd: mostWork.best,
  };
  markWorthReading(
    shown,
    [...Object.values(answers), mostWork.undecided?.leader ?? null, logins?.each_login ?? null, logins?.one_plan ?? null],
    logins?.held ?? findHeld(shown, accounts),
  );
  return {
    since: new Date(input.since_ms).toISOString(),
    until: new Date(input.until_ms).toISOString(),
    days,
    accounts,
    portfolios: shown,
    ...answers,
    cheapest_covering_unmeasured: shown.find((portfolio) => portfolio.hits?.estimate === 0 && !isSoundMove(portfolio)) ?? null,
    most_work_undecided: mostWork.undecided,
    logins,
    notes,
  };
}

/**
 * The leader by estimate, named only when it is distinguishable: portfolios whose work rests on the same measurements
 * (your accounts' arms alone, or with the same seat) share the experiment's uncertainty, so their estimates order them;
 * against one resting on another seat's arms, the leader's lower end must clear that one's upper end, as the report
 * names no provider ahead while the intervals allow either.
 */
function pickMostWork(worked: readonly Portfolio[]): {
  best: Portfolio | null;
  undecided: { leader: Portfolio; overlapping: Portfolio[] } | null;
} {
  const leader = [...worked].sort((a, b) => (b.work_per_usd?.estimate ?? 0) - (a.work_per_usd?.estimate ?? 0))[0];
  if (!leader) return { best: null, undecided: null };
  const restsOn = (portfolio: Portfolio): string => portfolio.seat?.provider ?? '';
  const overlapping = worked.filter(
    (other) =>
      other !== leader &&
      restsOn(other) !== restsOn(leader) &&
      !((leader.work_per_usd?.low ?? Number.NEGATIVE_INFINITY) > (other.work_per_usd?.high ?? Number.POSITIVE_INFINITY)),
  );
  return overlapping.length === 0 ? { best: leader, undecided: null } : { best: null, undecided: { leader, overlapping } };
}

/** The portfolios that give up one account's plan and move its use to another account of yours (listDropChoices). */
function composeDrops(
  input: AdviseInput,
  accounts: readonly { provider: string; outcomes: PlanOutcome[] }[],
  perMonth: number,
  work: ReadonlyMap<string, WorkPerToken>,
): Portfolio[] {
  const candidates = new Map(accounts.map((account) => [account.provider, account.outcomes]));
  return listDropChoices(input.histories, candidates, input.plans, work).flatMap(({ dropped, choices }) =>
    combine(choices).map((outcomes) => ({ ...composePortfolio(outcomes, perMonth, work, null), dropped })),
  );
}

function sumTokens(amounts: readonly number[]): number {
  return amounts.reduce((sum, amount) => sum + amount, 0);
}

/** Every choice of one item from each list (the lists' order kept). */
function combine<T>(lists: readonly (readonly T[])[]): T[][] {
  if (lists.length === 0) return [];
  return lists.reduce<T[][]>((partial, list) => partial.flatMap((chosen) => list.map((item) => [...chosen, item])), [[]]);
}
