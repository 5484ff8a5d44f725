// `tracker plans` with several logins of one provider: which login holds which plan, and the choices between them (pure).
import { findBaseProvider } from '../usage/account-keys.js';
import type { Portfolio } from './compose-portfolio.js';
import type { LoginChoices } from './pick-login-choices.js';
import { formatSpread } from './format-plan-figures.js';
import { isOnePlan } from './rank-portfolios.js';

/**
 * A portfolio's plans as a line names them: plan ids alone where each provider has one account (a plan names its
 * provider); where a provider has two logins or more, each of its plans with the login holding it, and two logins
 * on one plan as such (`one claude-max-20x for claude@acct-… and claude@acct-…`).
 */
export function createPortfolioNamer(accounts: readonly string[]): (portfolio: Portfolio) => string {
  const bases = accounts.map(findBaseProvider);
  const split = new Set(bases.filter((base, index) => bases.indexOf(base) !== index));
  if (split.size === 0) return (portfolio) => portfolio.plans.join(' + ');
  return (portfolio) => {
    const move = isOnePlan(portfolio) ? portfolio.dropped : undefined;
    const parts = portfolio.holdings.flatMap(({ provider, plan }) => {
      if (plan === null) return [];
      if (move && provider === move.into) return [`one ${plan} for ${[move.provider, move.into].sort().join(' and ')}`];
      return [split.has(findBaseProvider(provider)) ? `${provider} ${plan}` : plan];
    });
    const seat = portfolio.seat ? [portfolio.plans.at(-1) as string] : [];
    return [...parts, ...seat].join(' + ');
  };
}

/** The plans held against the cheapest without a hit keeping each login, and with two logins on one plan. */
export function renderLoginChoices(logins: LoginChoices, name: (portfolio: Portfolio) => string): string[] {
  const figures = (portfolio: Portfolio): string =>
    `${name(portfolio)} ($${portfolio.usd_per_month} a month), hits ${formatSpread(portfolio.hits, 0)}, waited ${formatSpread(portfolio.waited_hours, 1)} h`;
  const { held, each_login, one_plan } = logins;
  const against = held ? `, against $${held.usd_per_month} and ${formatSpread(held.hits, 0)} hits now` : '';
  return [
    held
      ? `Now, each login on the plan it holds: ${figures(held)}`
      : 'Now, each login on the plan it holds: n/a (pass each login its plan: --plan <provider>@<account>=<plan>)',
    each_login
      ? `Cheapest keeping each login on a plan of its own: ${figures(each_login)}${against}`
      : 'Cheapest keeping each login on a plan of its own: n/a (none served the history without a hit)',
    one_plan
      ? `Cheapest with two logins on one plan: ${figures(one_plan)}${against}`
      : 'Cheapest with two logins on one plan: n/a (none served the history without a hit)',
  ];
}
