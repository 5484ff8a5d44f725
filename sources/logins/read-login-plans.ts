// The plan each agent CLI's own login says it is on, read from its files (sources/logins/read-*-plan.ts).
import { readClaudePlan } from './read-claude-plan.js';
import { readCodexPlan } from './read-codex-plan.js';
import { readGeminiPlan } from './read-gemini-plan.js';
import type { QuotaPlanNote } from '../../ledger/state/index.js';
import type { LoginPlan } from './login-plan.js';

export type { LoginPlan } from './login-plan.js';

/**
 * Every login that says a plan the plan table knows by name; a file missing, unreadable or saying nothing gives
 * nothing. Gemini CLI's from the tier its quota endpoint last named (`notes`: the data dir's readQuotaPlans).
 */
export function readLoginPlans(env: NodeJS.ProcessEnv, notes: Readonly<Record<string, QuotaPlanNote>> = {}): LoginPlan[] {
  return [readClaudePlan(env), readCodexPlan(env), readGeminiPlan(notes.gemini)].flatMap((plan) => (plan ? [plan] : []));
}
