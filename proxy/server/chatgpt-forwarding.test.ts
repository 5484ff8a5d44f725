// A real proxy in front of the scripted ChatGPT back end: Codex's paths forwarded and tapped, the login added or passed through, never kept.
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TelemetryRow } from '../../ledger/index.js';
import { parseScript, startScriptedServer, type ScriptedServer } from '../../model-server/index.js';
import { buildRoutingTable } from '../config/build-routing-table.js';
import { ProxyConfigSchema } from '../config/proxy-config-schema.js';
import type { RunningProxy } from './proxy-options.js';
import { startProxy } from './start-proxy.js';

const USAGE = { input_tokens: 1500, output_tokens: 12, cache_read_input_tokens: 700, cache_creation_input_tokens: 300 };
const PLACEHOLDER = { authorization: 'Bearer placeholder-access-token', 'chatgpt-account-id': 'acct-placeholder' };
const CODEX_BODY = { model: 'gpt-5-codex', stream: true, store: false, input: [] };

let server: ScriptedServer | null = null;
let proxy: RunningProxy | null = null;
afterEach(async () => {
  await proxy?.stop(0);
  await server?.close();
  proxy = null;
  server = null;
});

function jwt(claims: object): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none' })}.${part(claims)}.c2ln`;
}

/** The user's own Codex home with a ChatGPT login, as `codex login` leaves it. */
function writeUserLogin(): { home: string; token: string; accountId: string } {
  const home = mkdtempSync(join(tmpdir(), 'user-codex-'));
  const token = jwt({ exp: Math.floor(Date.now() / 1000) + 3600, 'https://api.openai.com/auth': { chatgpt_account_id: 'acct-user-real' } });
  const tokens = { id_token: jwt({}), access_token: token, refresh_token: 'rt-user-real-0001', account_id: 'acct-user-real' };
  writeFileSync(join(home, 'auth.json'), JSON.stringify({ OPENAI_API_KEY: null, tokens, last_refresh: new Date().toISOString() }));
  return { home, token, accountId: 'acct-user-real' };
}

async function start(backend: Record<string, unknown>, env: NodeJS.ProcessEnv, rows: TelemetryRow[]): Promise<string> {
  server = await startScriptedServer({ script: parseScript({ steps: [{ type: 'text', text: 'Hello.', usage: USAGE }] }) });
  const config = ProxyConfigSchema.parse({
    backends: { chatgpt: { preset: 'chatgpt', url: server.url, ...backend } },
    default_backend: 'chatgpt',
  });
  proxy = await startProxy({
    table: buildRoutingTable(config, [], undefined, env, BUILT_IN_CATALOG),
    dataDir: mkdtempSync(join(tmpdir(), 'proxy-chatgpt-')),
    agentId: 'main',
    env,
    flushMs: 10,
    onTelemetry: (row) => rows.push(row),
  });
  return proxy.url;
}

function post(url: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${url}/backend-api/codex/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tracker-window': 'W-CHATGPT', ...headers },
    body: JSON.stringify(CODEX_BODY),
  });
}

describe('the proxy in front of the ChatGPT back end', () => {
  it("with auth_login: sends the user's login instead of the placeholder, taps the usage, and keeps neither in a row", async () => {
    const user = writeUserLogin();
    const rows: TelemetryRow[] = [];
    const url = await start({ auth_login: 'codex' }, { CODEX_HOME: user.home }, rows);
    const response = await post(url, PLACEHOLDER);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-codex-primary-used-percent')).toBe('10');
    expect(await response.text()).toContain('response.completed');
    await proxy?.stop(0);
    proxy = null;
    expect(server?.sent[0]?.request_headers).toMatchObject({ authorization: `Bearer ${user.token}`, 'chatgpt-account-id': user.accountId });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      window_id: 'W-CHATGPT',
      path: '/backend-api/codex/responses',
      backend_provider: 'chatgpt',
      status: 200,
      prompt_tokens: 2500,
      completion_tokens: 12,
      cache_read_tokens: 700,
      cache_creation_tokens: 300,
    });
    const kept = JSON.stringify(rows);
    for (const secret of [user.token, user.accountId, 'placeholder-access-token', 'acct-placeholder']) expect(kept).not.toContain(secret);
  });

  it("without auth_login: the client's own bearer token and account id reach the back end untouched", async () => {
    const rows: TelemetryRow[] = [];
    const url = await start({}, {}, rows);
    const mine = { authorization: 'Bearer users-own-token-0001', 'chatgpt-account-id': 'acct-users-own' };
    expect((await post(url, mine)).status).toBe(200);
    expect(server?.sent[0]?.request_headers).toMatchObject(mine);
  });

  it("answers ChatGPT's other web API paths 404 itself, forwards none and writes no row; the model list goes through", async () => {
    const user = writeUserLogin();
    const rows: TelemetryRow[] = [];
    const url = await start({ auth_login: 'codex' }, { CODEX_HOME: user.home }, rows);
    const check = await fetch(`${url}/backend-api/wham/accounts/check`, { headers: PLACEHOLDER });
    expect(check.status).toBe(404);
    expect(await check.text()).toContain("ChatGPT's web API is not forwarded");
    const conversations = await fetch(`${url}/backend-api/conversations?offset=0`, { headers: PLACEHOLDER });
    expect(conversations.status).toBe(404);
    const models = await fetch(`${url}/backend-api/codex/models?client_version=0.169.0`, { headers: PLACEHOLDER });
    expect(await models.json()).toEqual({ models: [] });
    await proxy?.stop(0);
    proxy = null;
    expect(server?.sent.map((record) => record.path)).toEqual(['/backend-api/codex/models?client_version=0.169.0']);
    expect(rows.map((row) => row.path)).toEqual(['/backend-api/codex/models']);
  });

  it('will not start without a login to send, naming the file', async () => {
    const home = mkdtempSync(join(tmpdir(), 'no-codex-'));
    await expect(start({ auth_login: 'codex' }, { CODEX_HOME: home }, [])).rejects.toThrow(/no ChatGPT login to send \(ENOENT\)/);
  });
});
