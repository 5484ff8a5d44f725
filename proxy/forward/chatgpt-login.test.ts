// The ChatGPT login a back end sends: read from Codex's auth.json, re-read when it changes, refused when missing or expired.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../kernel/index.js';
import type { Backend } from '../config/build-routing-table.js';
import { resolveBackendCredentials } from './backend-credentials.js';
import { ChatgptLogin, readJwtExpiry } from './chatgpt-login.js';
import { buildUpstreamHeaders } from './filter-headers.js';

const NOW = Date.parse('2026-11-25T12:00:00Z');

/** An unsigned JWT, as Codex decodes one (header.payload.signature, base64url): only the claims matter here. */
function jwt(claims: object): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none' })}.${part(claims)}.c2ln`;
}

function writeLogin(dir: string, tokens: Record<string, unknown>): void {
  writeFileSync(join(dir, 'auth.json'), JSON.stringify({ OPENAI_API_KEY: null, tokens, last_refresh: '2026-11-25T00:00:00Z' }));
}

const backend = (over: Partial<Backend>): Backend => ({
  name: 'chatgpt',
  origin: 'https://chatgpt.com',
  basePath: '',
  provider: 'codex',
  protocol: 'openai-responses',
  auth: null,
  login: null,
  headersTimeoutMs: 1,
  bodyTimeoutMs: 1,
  connections: 1,
  ...over,
});

describe('ChatgptLogin', () => {
  it('reads tokens.access_token and tokens.account_id from $CODEX_HOME/auth.json, and again once Codex rewrote it', () => {
    const home = mkdtempSync(join(tmpdir(), 'chatgpt-login-'));
    const first = jwt({ exp: NOW / 1000 + 3600 });
    writeLogin(home, { id_token: jwt({}), access_token: first, refresh_token: 'rt-1', account_id: 'acct-user-0001' });
    const login = new ChatgptLogin({ CODEX_HOME: home });
    expect(login.file).toBe(join(home, 'auth.json'));
    expect(login.read(NOW)).toEqual({ token: first, accountId: 'acct-user-0001' });
    const refreshed = jwt({ exp: NOW / 1000 + 7200, n: 2 });
    writeLogin(home, { id_token: jwt({}), access_token: refreshed, refresh_token: 'rt-2', account_id: 'acct-user-0001' });
    utimesSync(join(home, 'auth.json'), new Date(NOW + 5000), new Date(NOW + 5000));
    expect(login.read(NOW).token).toBe(refreshed);
  });

  it('refuses an expired access token with a line naming the file and what to do, never the token', () => {
    const home = mkdtempSync(join(tmpdir(), 'chatgpt-login-'));
    const expired = jwt({ exp: NOW / 1000 - 60 });
    writeLogin(home, { access_token: expired, account_id: 'acct-user-0001' });
    const read = (): unknown => new ChatgptLogin({ CODEX_HOME: home }).read(NOW);
    expect(read).toThrow(/expired at 2026-11-25T11:59:00.000Z: run codex once/);
    try {
      read();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(expired);
      expect(error).toMatchObject({ where: join(home, 'auth.json'), kind: 'chatgpt-login' });
    }
  });

  it('refuses a missing file, and a login with no account id (an API-key login has none)', () => {
    const home = mkdtempSync(join(tmpdir(), 'chatgpt-login-'));
    expect(() => new ChatgptLogin({ CODEX_HOME: home }).read(NOW)).toThrow(
      /no ChatGPT login to send \(ENOENT\): log in with `codex login`/,
    );
    writeLogin(home, { access_token: jwt({}) });
    expect(() => new ChatgptLogin({ CODEX_HOME: home }).read(NOW)).toThrow(/has no tokens.account_id/);
    rmSync(home, { recursive: true });
  });

  it('reads the expiry of a JWT only: a token of another shape is used as it is', () => {
    expect(readJwtExpiry(jwt({ exp: 1_800_000_000 }))).toBe(1_800_000_000_000);
    expect(readJwtExpiry('opaque-token')).toBeNull();
    expect(readJwtExpiry('a.!!!.c')).toBeNull();
  });
});

describe('credentials a back end sends', () => {
  const client = { authorization: 'Bearer placeholder-token', 'chatgpt-account-id': 'acct-placeholder', 'x-api-key': 'sk-client-key' };

  it('puts the login in place of every credential the client sent, and names its values as secrets', () => {
    const home = mkdtempSync(join(tmpdir(), 'chatgpt-login-'));
    const token = jwt({ exp: NOW / 1000 + 3600 });
    writeLogin(home, { access_token: token, account_id: 'acct-user-0001' });
    const logins = new Map([['chatgpt', new ChatgptLogin({ CODEX_HOME: home })]]);
    const own = resolveBackendCredentials(backend({ login: 'codex' }), new Map(), logins, NOW);
    expect(own).toEqual({
      headers: { authorization: `Bearer ${token}`, 'chatgpt-account-id': 'acct-user-0001' },
      secrets: [token, 'acct-user-0001'],
    });
    const headers = buildUpstreamHeaders({ ...client, originator: 'codex_exec', 'session-id': 's-1' }, 10, own?.headers ?? null);
    expect(headers).toMatchObject({ authorization: `Bearer ${token}`, 'chatgpt-account-id': 'acct-user-0001', originator: 'codex_exec' });
    expect(headers['x-api-key']).toBeUndefined();
  });

  it("passes the client's bearer token and account id through untouched when the back end has none of its own", () => {
    expect(resolveBackendCredentials(backend({}), new Map(), new Map(), NOW)).toBeNull();
    expect(buildUpstreamHeaders(client, 10, null)).toMatchObject(client);
  });

  it('sends an environment key as before, and drops the ChatGPT account id with the other credentials', () => {
    const own = resolveBackendCredentials(
      backend({ auth: { env: 'ZAI_API_KEY', header: 'authorization' } }),
      new Map([['chatgpt', 'zai-key-0123456789']]),
      new Map(),
      NOW,
    );
    expect(own).toEqual({ headers: { authorization: 'Bearer zai-key-0123456789' }, secrets: ['zai-key-0123456789'] });
    const headers = buildUpstreamHeaders(client, 10, own?.headers ?? null);
    expect(headers['chatgpt-account-id']).toBeUndefined();
    expect(headers.authorization).toBe('Bearer zai-key-0123456789');
  });
});

describe('a hostile or odd auth.json', () => {
  it('refuses a FIFO at once, without blocking on it, naming the file', () => {
    const fifo = join(mkdtempSync(join(tmpdir(), 'codex-fifo-')), 'auth.json');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    expect(() => new ChatgptLogin({ CODEX_HOME: dirname(fifo) }).read(Date.now())).toThrow(/is not a regular file/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses a link to /dev/zero (it grew without end) and a file far larger than a login', () => {
    const home = mkdtempSync(join(tmpdir(), 'codex-zero-'));
    symlinkSync('/dev/zero', join(home, 'auth.json'));
    expect(() => new ChatgptLogin({ CODEX_HOME: home }).read(Date.now())).toThrow(/is not a regular file/);
    const big = mkdtempSync(join(tmpdir(), 'codex-big-'));
    writeFileSync(join(big, 'auth.json'), Buffer.alloc(2 * 1024 * 1024, 0x20));
    expect(() => new ChatgptLogin({ CODEX_HOME: big }).read(Date.now())).toThrow(/more than a credential file's/);
  });

  it('says a token whose exp is no date expired, as the chatgpt-login error the proxy answers 401 with', () => {
    const home = mkdtempSync(join(tmpdir(), 'codex-exp-'));
    const payload = Buffer.from(JSON.stringify({ exp: -1e15 })).toString('base64url');
    writeFileSync(join(home, 'auth.json'), JSON.stringify({ tokens: { access_token: `h.${payload}.s`, account_id: 'acct' } }));
    let caught: unknown;
    try {
      new ChatgptLogin({ CODEX_HOME: home }).read(Date.now());
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught, 'chatgpt-login')).toBe(true);
    expect((caught as Error).message).toMatch(/expired \(its exp, -1000000000000000, is no date\)/);
  });
});
