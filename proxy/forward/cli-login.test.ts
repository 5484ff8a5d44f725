// Gemini CLI's Google login as a back end sends it: read from its oauth_creds.json on each request, refused when missing or expired.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliLogin } from './cli-login.js';

const NOW = Date.parse('2026-11-27T08:00:00Z');

function writeGoogleLogin(creds: Record<string, unknown>): string {
  const home = mkdtempSync(join(tmpdir(), 'cli-login-'));
  mkdirSync(join(home, '.gemini'));
  writeFileSync(join(home, '.gemini', 'oauth_creds.json'), JSON.stringify(creds));
  return home;
}

describe('CliLogin (gemini)', () => {
  it("sends the login's access token as a bearer, and the token Gemini CLI wrote last", () => {
    const home = writeGoogleLogin({ access_token: 'ya29.first', expiry_date: NOW + 60_000 });
    const login = new CliLogin('gemini', { GEMINI_CLI_HOME: home });
    expect(login.readHeaders(NOW)).toEqual({ headers: { authorization: 'Bearer ya29.first' }, secrets: ['ya29.first'] });
    writeFileSync(
      join(home, '.gemini', 'oauth_creds.json'),
      JSON.stringify({ access_token: 'ya29.refreshed', expiry_date: NOW + 3_600_000 }),
    );
    expect(login.readHeaders(NOW).secrets).toEqual(['ya29.refreshed']);
  });

  it('refuses a missing or expired login with a line naming where to look, never the token', () => {
    const empty = mkdtempSync(join(tmpdir(), 'cli-login-'));
    expect(() => new CliLogin('gemini', { GEMINI_CLI_HOME: empty }).readHeaders(NOW)).toThrow(
      /no Google login to send: sign in with Google/,
    );
    const home = writeGoogleLogin({ access_token: 'ya29.old', expiry_date: NOW - 1 });
    let line = '';
    try {
      new CliLogin('gemini', { GEMINI_CLI_HOME: home }).readHeaders(NOW);
    } catch (error) {
      line = (error as Error & { toLine(): string }).toLine();
    }
    expect(line).toContain('expired at 2026-11-27T07:59:59.999Z: run `gemini` once to refresh it');
    expect(line).not.toContain('ya29');
  });
});
