// The plan Gemini CLI's Google login is on: the tier Code Assist named for it when the tracker last read its quota.
import { existsSync } from 'node:fs';
import type { QuotaPlanNote } from '../../ledger/state/index.js';
import type { LoginPlan } from './login-plan.js';

/**
 * Gemini CLI keeps no tier on disk (it asks loadCodeAssist at every start and holds the answer in memory), so the
 * tier is the one `tracker quota` (or `watch`, a quota capture) last read with the login, kept in the data dir's
 * state (ledger's readQuotaPlans, read by the caller). Google names its consumer plans `g1-<plan>-tier` in `paidTier.id`; `free-tier`, `standard-tier` (a Code
 * Assist licence) and `legacy-tier` are no plan the table prices. A note whose login file is gone says nothing.
 */
const GOOGLE_TIERS: Record<string, string> = { 'g1-pro-tier': 'google-ai-pro', 'g1-ultra-tier': 'google-ai-ultra' };

export function readGeminiPlan(note: QuotaPlanNote | undefined): LoginPlan | null {
  const plan = note ? GOOGLE_TIERS[note.plan] : undefined;
  if (!note || !plan || !existsSync(note.from)) return null;
  return {
    provider: 'gemini',
    account: null,
    plan,
    from: `Code Assist's tier ${note.plan} for the Google login in ${note.from}, read ${note.read_at}`,
  };
}
