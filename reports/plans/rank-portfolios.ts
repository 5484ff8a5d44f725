// Which portfolios `tracker plans` lists first: each one once, then the plans held, the answers' and those no other beats (pure).
import { findBaseProvider } from '../usage/account-keys.js';
import type { Portfolio } from './compose-portfolio.js';

/** At most this many are listed first (`tracker plans --all-portfolios` lists every one). */
export const WORTH_READING = 10;

/**
 * Each portfolio once. One provider's logins all on one plan is one choice whichever login keeps it: the two
 * replays size the same plan on the same use, each on its own login's bars, and the one with more hits (then more
 * hours waited) is kept, the cautious figure; one that can be sized is kept over one that cannot. The rest are told
 * apart by which account holds which plan, the seat and the plan given up; the first of equals is kept.
 */
export function dedupePortfolios(portfolios: readonly Portfolio[]): Portfolio[] {
  const kept = new Map<string, Portfolio>();
  for (const portfolio of portfolios) {
    const key = keyPortfolio(portfolio);
    const held = kept.get(key);
    if (!held || isMoreCautious(portfolio, held)) kept.set(key, portfolio);
  }
  const chosen = new Set(kept.values());
  return portfolios.filter((portfolio) => chosen.has(portfolio));
}

/**
 * Marks the few worth reading first, in the list's order: the plans held, those an answer names (`named`), and each
 * shape's portfolios no other of that shape beats on dollars, hits and hours at once (your accounts as they are, one
 * given up, one more seat), at most WORTH_READING (the held and named always). With none sized, the cheapest.
 */
export function markWorthReading(portfolios: readonly Portfolio[], named: readonly (Portfolio | null)[], held: Portfolio | null): void {
  const must = new Set([held, ...named].filter((one): one is Portfolio => one !== null));
  const sized = portfolios.filter((one) => one.hits !== null && one.waited_hours !== null && isSoundMove(one));
  const frontier = sized.filter(
    (one, index) =>
      !sized.some((other, at) => other !== one && isShape(other, one) && (beats(other, one) || (at < index && ties(other, one)))),
  );
  const pool = frontier.length > 0 ? frontier : portfolios;
  const room = Math.max(0, WORTH_READING - must.size);
  const extra = new Set(pool.filter((one) => !must.has(one)).slice(0, room));
  for (const portfolio of portfolios) portfolio.worth_reading = must.has(portfolio) || extra.has(portfolio);
}

/** Whether a portfolio's tokens stay on their own vendor's plans, or moved between vendors at a measured rate. */
export function isSoundMove(portfolio: Portfolio): boolean {
  const move = portfolio.dropped;
  if (move === undefined) return true;
  return move.exchange !== 'token-for-token' || findBaseProvider(move.provider) === findBaseProvider(move.into);
}

/** Whether a portfolio gives up a login's plan for another login's of the same provider: both on one plan. */
export function isOnePlan(portfolio: Portfolio): boolean {
  return portfolio.dropped?.exchange === 'same-provider';
}

function keyPortfolio(portfolio: Portfolio): string {
  const move = portfolio.dropped;
  const seat = portfolio.seat ? `${portfolio.seat.provider}:${portfolio.plans.at(-1)}` : '';
  if (move && isOnePlan(portfolio)) {
    const pair = [move.provider, move.into].sort();
    const plan = portfolio.holdings.find((one) => one.provider === move.into)?.plan ?? '';
    const others = portfolio.holdings.filter((one) => !pair.includes(one.provider));
    return JSON.stringify({ one_plan: pair, plan, others, seat });
  }
  return JSON.stringify({ holdings: portfolio.holdings, seat, dropped: move ? [move.provider, move.into] : null });
}

function isMoreCautious(portfolio: Portfolio, than: Portfolio): boolean {
  if (portfolio.hits === null || than.hits === null) return portfolio.hits !== null && than.hits === null;
  const hours = (one: Portfolio): number => one.waited_hours?.estimate ?? 0;
  return portfolio.hits.estimate > than.hits.estimate || (portfolio.hits.estimate === than.hits.estimate && hours(portfolio) > hours(than));
}

/** Your accounts as they are, one of them given up, or one more seat (of which provider). */
function isShape(a: Portfolio, b: Portfolio): boolean {
  const shape = (one: Portfolio): string => (one.seat ? `seat:${one.seat.provider}` : one.dropped ? 'dropped' : 'kept');
  return shape(a) === shape(b);
}

function figures(one: Portfolio): [number, number, number] {
  return [one.usd_per_month, one.hits?.estimate ?? Number.POSITIVE_INFINITY, one.waited_hours?.estimate ?? Number.POSITIVE_INFINITY];
}

/** No worse on dollars, hits and hours, and better on one. */
function beats(a: Portfolio, b: Portfolio): boolean {
  const [x, y] = [figures(a), figures(b)];
  return x.every((value, index) => value <= (y[index] as number)) && x.some((value, index) => value < (y[index] as number));
}

function ties(a: Portfolio, b: Portfolio): boolean {
  const [x, y] = [figures(a), figures(b)];
  return x.every((value, index) => value === y[index]);
}
