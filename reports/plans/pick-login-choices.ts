// With two logins of one provider or more, the choices `tracker plans` weighs: the plans held, each login on its own, two on one plan (pure).
import { findBaseProvider } from '../usage/account-keys.js';
import type { Portfolio } from './compose-portfolio.js';
import { isOnePlan, isSoundMove } from './rank-portfolios.js';

export interface LoginChoices {
  /** Every account on the plan it holds (null when one's is not known). */
  held: Portfolio | null;
  /** The cheapest without a hit that keeps every login, each on a plan of its own. */
  each_login: Portfolio | null;
  /** The cheapest without a hit that puts two logins of one provider on one plan (the other given up, its use moved). */
  one_plan: Portfolio | null;
}

/** The portfolio of the plans held, each account on its own: what you pay now. */
export function findHeld(
  portfolios: readonly Portfolio[],
  accounts: readonly { provider: string; held: string | null }[],
): Portfolio | null {
  if (accounts.some((account) => account.held === null)) return null;
  const held = new Map(accounts.map((account) => [account.provider, account.held]));
  return (
    portfolios.find(
      (portfolio) =>
        !portfolio.seat &&
        !portfolio.dropped &&
        portfolio.holdings.every((one) => one.plan !== null && held.get(one.provider) === one.plan),
    ) ?? null
  );
}

/** With two logins of one provider or more: the plans held, the cheapest without a hit keeping each login, and on one plan. */
export function pickLoginChoices(
  portfolios: readonly Portfolio[],
  accounts: readonly { provider: string; held: string | null }[],
): LoginChoices | null {
  const providers = accounts.map((account) => findBaseProvider(account.provider));
  if (providers.every((provider, index) => providers.indexOf(provider) === index)) return null;
  const covering = portfolios.filter((portfolio) => portfolio.hits?.estimate === 0 && isSoundMove(portfolio));
  return {
    held: findHeld(portfolios, accounts),
    each_login: covering.find((portfolio) => !portfolio.seat && !portfolio.dropped) ?? null,
    one_plan: covering.find((portfolio) => !portfolio.seat && isOnePlan(portfolio)) ?? null,
  };
}
