// The plan each agent CLI's own login says it is on, read from its files (sources/logins/read-*-plan.ts).
import { readClaudePlan } from './read-claude-plan.js';
import { readCodexPlan } from './read-codex-plan.js';
import type { LoginPlan } from './login-plan.js';

export type { LoginPlan } from './login-plan.js';

/** Every login that says a plan the plan table knows by name; a file missing, unreadable or saying nothing gives nothing. */
export function readLoginPlans(env: NodeJS.ProcessEnv): LoginPlan[] {
  return [readClaudePlan(env), readCodexPlan(env)].flatMap((plan) => (plan ? [plan] : []));
}
