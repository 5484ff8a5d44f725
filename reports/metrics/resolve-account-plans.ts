// The plan each account is on: a --plan flag's, else its windows', else its CLI login's, for an account shown apart too (pure).
import type { LoginSubscription } from '../../budget/logins/index.js';
import type { ReportWindow, WindowSubscription } from '../../ledger/index.js';
import { findBaseProvider } from '../usage/account-keys.js';

export interface PlanSources {
  windows: readonly Pick<ReportWindow, 'provider' | 'completed_at' | 'subscription'>[];
  /** Plans given on the command line, by provider or account (`claude@acct-…`). */
  plans: ReadonlyMap<string, WindowSubscription>;
  logins?: readonly LoginSubscription[] | undefined;
  account: (provider: string) => string;
}

export interface AccountPlan {
  plan: WindowSubscription;
  from: 'flag' | 'window' | 'login';
}

/**
 * The plan of an account's label. An account shown apart (`claude@acct-…`) takes a flag or window naming it, else its
 * provider's (`--plan claude=…` is every Claude account's not named on its own), else the login of that account. The
 * same answer for an account with bars and one with use alone: `tracker plans` prices both under the plan passed.
 */
export function createPlanResolver(input: PlanSources): (label: string) => AccountPlan | null {
  const { account } = input;
  const windowPlans = findWindowPlans(input.windows.map((window) => ({ ...window, provider: account(window.provider) })));
  const flagPlans = new Map([...input.plans].map(([provider, plan]) => [account(provider), plan]));
  return (label) => {
    for (const key of [label, findBaseProvider(label)]) {
      const flag = flagPlans.get(key);
      if (flag) return { plan: flag, from: 'flag' };
      const window = windowPlans.get(key);
      if (window) return { plan: window, from: 'window' };
    }
    const login = findLoginPlan(input.logins ?? [], label);
    return login ? { plan: login, from: 'login' } : null;
  };
}

/**
 * The plan a login says for an account's label: `claude@acct-…` takes the login of that account; a plain `claude`
 * (one account, its rows joined) takes its provider's login, whichever account that login names.
 */
function findLoginPlan(logins: readonly LoginSubscription[], label: string): WindowSubscription | undefined {
  const provider = findBaseProvider(label);
  const login = logins.find((one) => one.provider === provider && (label === provider || label === `${provider}@${one.account}`));
  return login?.subscription;
}

/** The plan of each provider's last completed window that recorded one. */
export function findWindowPlans(windows: PlanSources['windows']): Map<string, WindowSubscription> {
  const latest = new Map<string, { at: string; subscription: WindowSubscription }>();
  for (const window of windows) {
    if (!window.subscription) continue;
    const seen = latest.get(window.provider);
    if (!seen || window.completed_at >= seen.at)
      latest.set(window.provider, { at: window.completed_at, subscription: window.subscription });
  }
  return new Map([...latest].map(([provider, { subscription }]) => [provider, subscription]));
}
