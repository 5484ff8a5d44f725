// The plans the agent CLIs' own logins say you hold, priced from the plan table: `--plan` is needed only where no login says.
import { readQuotaPlans } from '../../ledger/state/index.js';
import { readLoginPlans } from '../../sources/logins/index.js';
import { type PlanTable, priceSubscription } from '../plans/index.js';

export interface LoginSubscription {
  provider: string;
  account: string | null;
  subscription: ReturnType<typeof priceSubscription>;
  from: string;
}

/**
 * Each login's plan that the table knows (a plans file may price it anew); a plan the table lacks is left out. The data
 * dir holds what the CLIs keep nowhere (Gemini's tier, as its quota endpoint named it).
 */
export function resolveLoginPlans(
  table: PlanTable,
  dataDir: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): LoginSubscription[] {
  return readLoginPlans(env, dataDir === undefined ? {} : readQuotaPlans(dataDir)).flatMap(({ provider, account, plan, from }) => {
    if (!table[plan]) return [];
    return [{ provider, account, from, subscription: priceSubscription(table, plan, from) }];
  });
}
