// The plan Codex's ChatGPT login says (its id_token's chatgpt_plan_type), read from $CODEX_HOME/auth.json.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fingerprintAccount } from '../../ledger/vocabulary/index.js';
import { readLoginJson } from './read-login-json.js';
import type { LoginPlan } from './login-plan.js';

/**
 * Codex keeps `tokens.id_token` in $CODEX_HOME/auth.json (~/.codex), whose claim `https://api.openai.com/auth` carries
 * `chatgpt_plan_type` and `chatgpt_account_id`. The claim is read, not verified: it is the user's own file, and a
 * wrong plan there only misnames the plan `--plan` would name. The tokens are never kept.
 */
const CHATGPT_PLANS: Record<string, string> = { plus: 'chatgpt-plus', pro: 'chatgpt-pro' };

export function readCodexPlan(env: NodeJS.ProcessEnv): LoginPlan | null {
  const file = join(env.CODEX_HOME || join(env.HOME || homedir(), '.codex'), 'auth.json');
  const token = (readLoginJson(file) as { tokens?: { id_token?: unknown } } | null)?.tokens?.id_token;
  const payload = typeof token === 'string' ? token.split('.')[1] : undefined;
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const auth = claims['https://api.openai.com/auth'] as { chatgpt_plan_type?: unknown; chatgpt_account_id?: unknown } | undefined;
    const plan = typeof auth?.chatgpt_plan_type === 'string' ? CHATGPT_PLANS[auth.chatgpt_plan_type] : undefined;
    const id = typeof auth?.chatgpt_account_id === 'string' ? auth.chatgpt_account_id : null;
    return plan ? { provider: 'codex', account: id ? fingerprintAccount('chatgpt-account', id) : null, plan, from: file } : null;
  } catch {
    return null;
  }
}
