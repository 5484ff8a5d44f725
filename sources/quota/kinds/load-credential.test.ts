// Where a quota credential is found: the environment first, then the client's own file, whose login must carry the scope the endpoint needs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../kernel/index.js';
import { loadQuotaCredential } from '../quota-endpoints.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A Claude config dir whose .credentials.json has Claude Code's shape (claudeAiOauth with its scopes). */
function writeClaudeLogin(oauth: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'quota-credential-'));
  dirs.push(dir);
  writeFileSync(join(dir, '.credentials.json'), JSON.stringify({ claudeAiOauth: oauth }));
  return dir;
}

describe('loadQuotaCredential (claude)', () => {
  const login = { accessToken: 'sk-ant-oat01-login', refreshToken: 'sk-ant-ort01-r', expiresAt: 4102444800000 };

  it("reads an interactive login's token, with or without the scopes list", () => {
    const both = writeClaudeLogin({ ...login, scopes: ['user:inference', 'user:profile'], subscriptionType: 'max' });
    expect(loadQuotaCredential('claude', { CLAUDE_CONFIG_DIR: both })).toEqual({
      secret: 'sk-ant-oat01-login',
      from: join(both, '.credentials.json'),
    });
    const unlisted = writeClaudeLogin(login);
    expect(loadQuotaCredential('claude', { CLAUDE_CONFIG_DIR: unlisted })?.secret).toBe('sk-ant-oat01-login');
  });

  it('refuses, before asking the endpoint, a login without user:profile, naming the file and the scopes it has', () => {
    const dir = writeClaudeLogin({ ...login, scopes: ['user:inference'] });
    let caught: unknown;
    try {
      loadQuotaCredential('claude', { CLAUDE_CONFIG_DIR: dir });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect([(caught as AppError).code, (caught as AppError).kind]).toEqual(['BAD_INPUT', 'quota-scope']);
    expect((caught as AppError).toLine()).toContain(join(dir, '.credentials.json'));
    expect((caught as AppError).toLine()).toContain('["user:inference"] but not user:profile');
    expect((caught as AppError).toLine()).not.toContain('sk-ant-oat01-login');
  });

  it('escapes control characters of the scopes it names (a run prints the line as a warning)', () => {
    const dir = writeClaudeLogin({ ...login, scopes: ['user:inference\u009b2J\u001b]0;x'] });
    let line = '';
    try {
      loadQuotaCredential('claude', { CLAUDE_CONFIG_DIR: dir });
    } catch (error) {
      line = (error as AppError).toLine();
    }
    expect(line).toContain('user:inference\\x9b2J');
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it('takes CLAUDE_CODE_OAUTH_TOKEN first, as Claude Code does', () => {
    const dir = writeClaudeLogin({ ...login, scopes: ['user:inference'] });
    expect(loadQuotaCredential('claude', { CLAUDE_CONFIG_DIR: dir, CLAUDE_CODE_OAUTH_TOKEN: 'sk-ant-oat01-setup' })).toEqual({
      secret: 'sk-ant-oat01-setup',
      from: 'CLAUDE_CODE_OAUTH_TOKEN',
    });
  });
});

describe('loadQuotaCredential (gemini)', () => {
  /** A home whose .gemini/oauth_creds.json is Gemini CLI's Google login (google-auth-library's Credentials). */
  function writeGeminiLogin(creds: Record<string, unknown>): string {
    const home = mkdtempSync(join(tmpdir(), 'quota-gemini-'));
    dirs.push(home);
    mkdirSync(join(home, '.gemini'));
    writeFileSync(join(home, '.gemini', 'oauth_creds.json'), JSON.stringify(creds));
    return home;
  }
  const now = new Date('2026-11-27T08:00:00Z');
  const login = { access_token: 'ya29.spec-access', refresh_token: '1//spec-refresh', token_type: 'Bearer', scope: 'openid' };

  it("reads the login's access token under GEMINI_CLI_HOME, with the project GOOGLE_CLOUD_PROJECT names", () => {
    const home = writeGeminiLogin({ ...login, expiry_date: now.getTime() + 3_600_000 });
    expect(loadQuotaCredential('gemini', { GEMINI_CLI_HOME: home, GOOGLE_CLOUD_PROJECT: 'my-project-123' }, now)).toEqual({
      secret: 'ya29.spec-access',
      project: 'my-project-123',
      from: join(home, '.gemini', 'oauth_creds.json'),
    });
    expect(loadQuotaCredential('gemini', { HOME: home }, now)).not.toHaveProperty('project');
    expect(loadQuotaCredential('gemini', { HOME: join(home, 'nobody') }, now)).toBeNull();
  });

  it('refuses an expired login, saying what refreshes it, and never shows the token', () => {
    const home = writeGeminiLogin({ ...login, expiry_date: now.getTime() - 1 });
    let error: unknown;
    try {
      loadQuotaCredential('gemini', { GEMINI_CLI_HOME: home }, now);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).toLine()).toContain('expired at 2026-11-27T07:59:59.999Z: run `gemini` once to refresh it');
    expect((error as AppError).toLine()).not.toContain('ya29');
  });
});
