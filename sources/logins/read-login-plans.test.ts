// The plan each CLI's login says: Claude Code's rate-limit tier and subscription type, Codex's id_token claim; nothing from a file that says nothing.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fingerprintAccount } from '../../ledger/vocabulary/index.js';
import { readLoginPlans } from './read-login-plans.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function makeHome(): { home: string; claude: string; codex: string } {
  const home = mkdtempSync(join(tmpdir(), 'login-plans-'));
  dirs.push(home);
  const [claude, codex] = [join(home, '.claude'), join(home, '.codex')];
  mkdirSync(claude);
  mkdirSync(codex);
  return { home, claude, codex };
}

/** Claude Code's .credentials.json, its shape as Claude Code 2.x writes it on Linux. */
function writeClaude(dir: string, oauth: Record<string, unknown>): void {
  const login = {
    claudeAiOauth: { accessToken: 'sk-ant-oat01-secret', refreshToken: 'sk-ant-ort01-secret', expiresAt: 1, scopes: [], ...oauth },
  };
  writeFileSync(join(dir, '.credentials.json'), JSON.stringify(login));
}

/** Codex's auth.json with an id_token whose payload carries the ChatGPT claim (signature not checked: it is the user's own file). */
function writeCodex(dir: string, claim: Record<string, unknown>): void {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const idToken = `${part({ alg: 'RS256' })}.${part({ 'https://api.openai.com/auth': claim })}.c2ln`;
  writeFileSync(join(dir, 'auth.json'), JSON.stringify({ tokens: { id_token: idToken, access_token: 'secret', account_id: 'x' } }));
}

describe('readLoginPlans', () => {
  it("reads Claude Code's tier from ~/.claude and Codex's plan type from ~/.codex, naming each account as the proxy does", () => {
    const { home, claude, codex } = makeHome();
    writeClaude(claude, { subscriptionType: 'max', rateLimitTier: 'default_claude_max_20x' });
    writeFileSync(join(home, '.claude.json'), JSON.stringify({ oauthAccount: { organizationUuid: 'org-1234567890abcdef' } }));
    writeCodex(codex, { chatgpt_plan_type: 'plus', chatgpt_account_id: 'acc-42' });
    const plans = readLoginPlans({ HOME: home });
    expect(plans).toEqual([
      {
        provider: 'claude',
        account: fingerprintAccount('organization', 'org-1234567890abcdef'),
        plan: 'claude-max-20x',
        from: join(claude, '.credentials.json'),
      },
      { provider: 'codex', account: fingerprintAccount('chatgpt-account', 'acc-42'), plan: 'chatgpt-plus', from: join(codex, 'auth.json') },
    ]);
    expect(JSON.stringify(plans)).not.toContain('secret');
  });

  it('tells Max 5x and Pro apart, takes $CLAUDE_CONFIG_DIR and $CODEX_HOME first, and says nothing where the login does not', () => {
    const { home, claude, codex } = makeHome();
    writeClaude(claude, { subscriptionType: 'max', rateLimitTier: 'default_claude_max_5x' });
    expect(readLoginPlans({ HOME: home }).map((one) => one.plan)).toEqual(['claude-max-5x']);
    const other = join(home, 'second-login');
    mkdirSync(other);
    writeClaude(other, { subscriptionType: 'pro', rateLimitTier: 'default_claude_ai' });
    expect(readLoginPlans({ HOME: home, CLAUDE_CONFIG_DIR: other }).map((one) => one.plan)).toEqual(['claude-pro']);
    // A Max login whose tier is not one the table knows, an API-key login, a team plan, a broken file: no plan.
    writeClaude(claude, { subscriptionType: 'max', rateLimitTier: 'default_claude_max_40x' });
    writeCodex(codex, { chatgpt_plan_type: 'team' });
    expect(readLoginPlans({ HOME: home })).toEqual([]);
    writeFileSync(join(codex, 'auth.json'), '{"tokens": {"id_token": "not.a-jwt!.x"}}');
    writeFileSync(join(claude, '.credentials.json'), '{');
    expect(readLoginPlans({ HOME: home, CODEX_HOME: codex })).toEqual([]);
  });

  it("reads a Google AI plan from the tier Code Assist last named for Gemini CLI's login, while that login is there", () => {
    const { home } = makeHome();
    const login = join(home, '.gemini', 'oauth_creds.json');
    mkdirSync(join(home, '.gemini'));
    writeFileSync(login, '{}');
    const note = (plan: string, from = login) => ({ gemini: { plan, read_at: '2026-11-28T08:00:00.000Z', from } });
    expect(readLoginPlans({ HOME: home }, note('g1-pro-tier'))).toEqual([
      {
        provider: 'gemini',
        account: null,
        plan: 'google-ai-pro',
        from: `Code Assist's tier g1-pro-tier for the Google login in ${login}, read 2026-11-28T08:00:00.000Z`,
      },
    ]);
    expect(readLoginPlans({ HOME: home }, note('g1-ultra-tier')).map((one) => one.plan)).toEqual(['google-ai-ultra']);
    // No plan the table prices (the free tier, a Code Assist licence), a login signed out since: nothing.
    for (const notes of [note('free-tier'), note('standard-tier'), note('g1-pro-tier', join(home, 'gone.json')), {}])
      expect(readLoginPlans({ HOME: home }, notes)).toEqual([]);
  });
});
