// A Code Assist back end the proxy signs in to with the user's Google login: only Code Assist's documented methods get it.
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../model-server/index.js';
import { buildRoutingTable } from '../config/build-routing-table.js';
import { ProxyConfigSchema } from '../config/proxy-config-schema.js';
import { useProxyLab } from '../test-fixtures/use-proxy-lab.js';

const lab = useProxyLab();
const TOKEN = 'ya29.proxy-own-google-login';
const BODY = { model: 'gemini-2.5-pro', project: 'p', request: { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] } };

async function startSignedIn(): Promise<string> {
  const home = mkdtempSync(join(tmpdir(), 'google-login-'));
  mkdirSync(join(home, '.gemini'));
  writeFileSync(join(home, '.gemini', 'oauth_creds.json'), JSON.stringify({ access_token: TOKEN, expiry_date: Date.now() + 3_600_000 }));
  const env = { GEMINI_CLI_HOME: home };
  const script = parseScript({ name: 'hi', steps: [{ type: 'text', text: 'Hi.' }] }, 'test');
  const { proxy } = await lab.start(script, 'google-login', () => ({
    env,
    table: buildRoutingTable(
      ProxyConfigSchema.parse({
        backends: { g: { preset: 'code-assist', url: lab.upstream?.url, auth_login: 'gemini' } },
        default_backend: 'g',
      }),
      [],
      undefined,
      env,
      BUILT_IN_CATALOG,
    ),
  }));
  return proxy.url;
}

const post = (url: string, path: string, headers: Record<string, string> = {}) =>
  fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(BODY),
  });

describe("a back end that sends the user's Google login", () => {
  it("forwards Code Assist's generation and its four documented methods with the login", async () => {
    const url = await startSignedIn();
    const paths = [
      '/v1internal:streamGenerateContent?alt=sse',
      '/v1internal:generateContent',
      '/v1internal:countTokens',
      '/v1internal:loadCodeAssist',
      '/v1internal:retrieveUserQuota',
      '/v1internal:listExperiments',
    ];
    for (const path of paths) await (await post(url, path)).text();
    const sent = lab.upstream?.sent ?? [];
    expect(sent.map((entry) => entry.path)).toEqual(paths);
    expect(sent.every((entry) => entry.request_headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it("answers any other API path 404 itself, in Google's envelope, and never sends the login there", async () => {
    const url = await startSignedIn();
    const others = ['/v1beta/models/gemini-2.5-pro:generateContent', '/v1/messages', '/v1/responses', '/v1/models', '/v1beta/files'];
    const answers = [];
    for (const path of others) {
      const answer = await post(url, path);
      answers.push([answer.status, ((await answer.json()) as { error?: { status?: string } }).error?.status]);
    }
    const listed = await fetch(`${url}/v1/models`);
    await listed.text();
    expect(answers).toEqual(others.map(() => [404, 'NOT_FOUND']));
    expect(listed.status).toBe(404);
    expect(lab.upstream?.sent ?? []).toEqual([]);
  });

  it('never forwards a method override, which Google honours (a POST read as a DELETE)', async () => {
    const url = await startSignedIn();
    const overrides = { 'x-http-method-override': 'DELETE', 'x-http-method': 'DELETE', 'x-method-override': 'DELETE' };
    await (await post(url, '/v1internal:loadCodeAssist', overrides)).text();
    const headers = lab.upstream?.sent[0]?.request_headers ?? {};
    expect(Object.keys(headers).filter((name) => name.includes('method'))).toEqual([]);
  });
});
