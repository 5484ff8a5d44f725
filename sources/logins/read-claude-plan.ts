// The plan Claude Code's login says (its rate-limit tier and subscription type), read from its credentials file.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readClaudeAccount } from './read-claude-account.js';
import { readLoginJson } from './read-login-json.js';
import type { LoginPlan } from './login-plan.js';

/**
 * Claude Code (2.x) keeps `claudeAiOauth: {subscriptionType: 'free' | 'pro' | 'max', rateLimitTier:
 * 'default_claude_max_5x' | 'default_claude_max_20x' | ...}` in `.credentials.json` of $CLAUDE_CONFIG_DIR, else of
 * ~/.claude (on macOS the Keychain holds it: not read). Only those two fields are taken, never the tokens beside them.
 */
export function readClaudePlan(env: NodeJS.ProcessEnv): LoginPlan | null {
  const file = join(env.CLAUDE_CONFIG_DIR || join(env.HOME || homedir(), '.claude'), '.credentials.json');
  const oauth = (readLoginJson(file) as { claudeAiOauth?: { subscriptionType?: unknown; rateLimitTier?: unknown } } | null)?.claudeAiOauth;
  const tier = typeof oauth?.rateLimitTier === 'string' ? oauth.rateLimitTier : '';
  const plan = /max_20x/.test(tier)
    ? 'claude-max-20x'
    : /max_5x/.test(tier)
      ? 'claude-max-5x'
      : oauth?.subscriptionType === 'pro'
        ? 'claude-pro'
        : null;
  return plan ? { provider: 'claude', account: readClaudeAccount(env), plan, from: file } : null;
}
