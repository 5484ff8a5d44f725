// Code Assist's quota as the stand-in answers it and tracker's reader reads it: project lookup, a daily bar that moves with use.
import { rmSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { fetchQuota } from '../../sources/quota/index.js';
import { getBuiltinScript } from '../builtin-scripts.js';
import { selectBarLimits } from '../solver/solver-bars.js';
import { makeTaskBank } from '../solver/test-fixtures/make-task-bank.js';
import { startScriptedServer, type ScriptedServer } from '../start-scripted-server.js';
import { askMessages } from './test-fixtures/quota-test-client.js';

const bank = makeTaskBank();
let server: ScriptedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});
afterAll(() => rmSync(bank, { recursive: true, force: true }));

const post = async (url: string, body: unknown, token?: string) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
};

describe("Gemini's Code Assist quota", () => {
  it('finds the managed project through loadCodeAssist, then reads a daily bar that moves with the account use', async () => {
    server = await startScriptedServer({ script: getBuiltinScript('hello')!, solver: { tasksDir: bank } });
    const endpoint = { kind: 'gemini' as const, url: `${server.url}/v1internal:retrieveUserQuota`, urlEnv: 'TEST' };
    const before = await fetchQuota(endpoint, { secret: 'scripted-gemini', from: 'test' });
    expect(before.ok && before.reading.bars.daily?.used_pct).toBe(0);
    expect(before.ok && before.reading.plan).toBe('g1-pro-tier');
    const charged = await askMessages(server.url, 'scripted-gemini', 40_000);
    const after = await fetchQuota(endpoint, { secret: 'scripted-gemini', from: 'test' });
    const expected = Math.round((charged.units / selectBarLimits('scripted-gemini').dailyUnits) * 10_000) / 100;
    expect(after.ok && after.reading.bars.daily).toMatchObject({ used_pct: expected, window_minutes: 1440 });
    expect(after.ok && after.reading.parse_errors).toEqual(['daily-from-gemini-2.5-pro', 'buckets-2']);
    // The reads went to loadCodeAssist first (no project given), then to retrieveUserQuota with the project it named.
    const routes = server.sent.map((entry) => entry.route);
    expect(routes.filter((route) => route === 'code_assist_load')).toHaveLength(2);
    expect(routes.filter((route) => route === 'gemini_quota')).toHaveLength(2);
  });

  it('asks Code Assist with the GOOGLE_CLOUD_PROJECT given, and refuses as Google does without a token or a project', async () => {
    server = await startScriptedServer({ script: getBuiltinScript('hello')!, solver: { tasksDir: bank } });
    const endpoint = { kind: 'gemini' as const, url: `${server.url}/v1internal:retrieveUserQuota`, urlEnv: 'TEST' };
    const read = await fetchQuota(endpoint, { secret: 'scripted-gemini', project: 'my-project-123', from: 'test' });
    expect(read.ok).toBe(true);
    // As Gemini CLI: loadCodeAssist first with the project named, whose answer's project is the one asked about.
    expect(server.sent.map((entry) => entry.route)).toEqual(['code_assist_load', 'gemini_quota']);
    const anonymous = await post(endpoint.url, { project: 'my-project-123' });
    expect(anonymous).toMatchObject({ status: 401, json: { error: { code: 401, status: 'UNAUTHENTICATED' } } });
    const projectless = await post(endpoint.url, {}, 'scripted-gemini');
    expect(projectless).toMatchObject({ status: 400, json: { error: { code: 400, status: 'INVALID_ARGUMENT' } } });
    const viaGet = await fetch(endpoint.url, { headers: { authorization: 'Bearer scripted-gemini' } });
    expect(viaGet.status).toBe(404);
  });
});
