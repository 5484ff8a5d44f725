// Quota endpoints as a boundary: refusals without a credential, GET only, reads that charge nothing, script mode at 0.
import { rmSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { getBuiltinScript } from '../builtin-scripts.js';
import { selectBarLimits } from '../solver/solver-bars.js';
import { makeTaskBank } from '../solver/test-fixtures/make-task-bank.js';
import { startScriptedServer, type ScriptedServer } from '../start-scripted-server.js';
import {
  askMessages,
  askResponses,
  buildQuotaHeaders,
  expectWholePercent,
  getQuota,
  QUOTA_PATHS,
} from './test-fixtures/quota-test-client.js';

const bank = makeTaskBank();
let server: ScriptedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});
afterAll(() => rmSync(bank, { recursive: true, force: true }));

const round4 = (value: number): number => Math.round(Math.min(1, value) * 10_000) / 10_000;
const BAR_HEADER = /^(anthropic-ratelimit-|x-codex-)/;

describe('quota endpoint refusals', () => {
  it('answer a missing credential in each API own way: Anthropic and ChatGPT 401, Z.ai code 1001 inside an HTTP 200', async () => {
    server = await startScriptedServer({ script: getBuiltinScript('hello')!, solver: { tasksDir: bank } });
    const claude = await getQuota(server.url, QUOTA_PATHS.claude, { 'anthropic-beta': 'oauth-2025-04-20' });
    expect(claude.status).toBe(401);
    expect(claude.json).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    const noBeta = await getQuota(server.url, QUOTA_PATHS.claude, { authorization: 'Bearer scripted-claude' });
    expect(noBeta.status).toBe(401);
    expect(noBeta.json).toMatchObject({
      type: 'error',
      error: { type: 'authentication_error', message: 'OAuth authentication is currently not supported.' },
    });
    for (const headers of [{}, { authorization: 'Bearer   ' }, { authorization: 'Basic c2NyaXB0ZWQ=' }] as Record<string, string>[]) {
      const codex = await getQuota(server.url, QUOTA_PATHS.codex, headers);
      expect(codex.status).toBe(401);
      expect(codex.json).toMatchObject({ error: { type: null, code: null, param: null } });
    }
    for (const headers of [{}, { authorization: '' }, { authorization: 'Bearer ' }] as Record<string, string>[]) {
      const glm = await getQuota(server.url, QUOTA_PATHS.glm, headers);
      expect([glm.status, glm.json]).toEqual([
        200,
        { code: 1001, msg: 'Authentication parameter not received in Header, unable to authenticate', success: false },
      ]);
    }
  });

  it("refuse a claude setup-token token (user:inference only) with the real endpoint's 403 permission_error", async () => {
    server = await startScriptedServer({ script: getBuiltinScript('hello')!, solver: { tasksDir: bank } });
    const headers = { 'anthropic-beta': 'oauth-2025-04-20' };
    const setup = await getQuota(server.url, QUOTA_PATHS.claude, { ...headers, authorization: 'Bearer setup-token:scripted-claude' });
    expect(setup.status).toBe(403);
    expect(setup.json).toMatchObject({
      type: 'error',
      error: { type: 'permission_error', message: 'OAuth token does not meet scope requirement user:profile' },
      request_id: expect.stringMatching(/^req_/),
    });
    // The same account's interactive login reads its bars.
    const login = await getQuota(server.url, QUOTA_PATHS.claude, { ...headers, authorization: 'Bearer scripted-claude' });
    expect(login.status).toBe(200);
  });

  it('accept GLM keys with or without Bearer, ignore query strings, and answer other methods as unknown routes (404)', async () => {
    server = await startScriptedServer({ script: getBuiltinScript('hello')!, solver: { tasksDir: bank } });
    await askMessages(server.url, 'scripted-glm', 50_000);
    const raw = await getQuota(server.url, QUOTA_PATHS.glm, { authorization: 'scripted-glm' });
    const bearer = await getQuota(server.url, `${QUOTA_PATHS.glm}?x=1`, { authorization: 'Bearer scripted-glm' });
    expect(bearer.text).toBe(raw.text);
    expect(raw.text).not.toContain('"currentValue":0,"remaining":2000000');
    for (const path of Object.values(QUOTA_PATHS)) {
      const posted = await getQuota(
        server.url,
        path,
        { authorization: 'Bearer scripted-claude', 'anthropic-beta': 'oauth-2025-04-20' },
        'POST',
      );
      expect(posted.status).toBe(404);
      expect(posted.json).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
    }
    expect(server.sent.map((record) => record.route)).toEqual([
      'messages',
      'glm_quota',
      'glm_quota',
      'not_found',
      'not_found',
      'not_found',
    ]);
  });
});

describe('quota reads', () => {
  it('charge nothing: the next answer bills only model answers, and repeated reads are identical', async () => {
    server = await startScriptedServer({ script: getBuiltinScript('hello')!, solver: { tasksDir: bank } });
    const first = await askMessages(server.url, 'scripted-claude', 200_000);
    const reads: string[] = [];
    for (let round = 0; round < 3; round += 1) {
      for (const kind of ['claude', 'codex', 'glm'] as const)
        reads.push((await getQuota(server.url, QUOTA_PATHS[kind], buildQuotaHeaders(kind, 'scripted-claude'))).text);
    }
    // Claude's and GLM's bodies hold no clock-dependent field (wham's reset_after_seconds counts down).
    expect(new Set(reads.filter((_, index) => index % 3 === 0)).size).toBe(1);
    expect(new Set(reads.filter((_, index) => index % 3 === 2)).size).toBe(1);
    const second = await askMessages(server.url, 'scripted-claude', 200_000);
    expect(Number(second.headers.get('anthropic-ratelimit-unified-5h-utilization'))).toBe(
      round4((first.units + second.units) / selectBarLimits('scripted-claude').fiveHourUnits),
    );
    const quotaRecords = server.sent.filter((record) => record.route !== 'messages');
    expect(quotaRecords).toHaveLength(9);
    for (const record of quotaRecords) expect(record).toMatchObject({ status: 200, usage: null, output_tokens_sent: 0, step_index: null });
  });

  it('read 0 used for every account when the server runs a script without the solver', async () => {
    server = await startScriptedServer({ script: getBuiltinScript('hello')! });
    await askMessages(server.url, 'scripted-claude', 10_000);
    const claude = (await getQuota(server.url, QUOTA_PATHS.claude, buildQuotaHeaders('claude', 'scripted-claude'))).json;
    expect(claude).toMatchObject({ five_hour: { utilization: 0 }, seven_day: { utilization: 0 } });
    const codex = (await getQuota(server.url, QUOTA_PATHS.codex, buildQuotaHeaders('codex', 'scripted-codex'))).json;
    expect(codex).toMatchObject({ rate_limit: { primary_window: { used_percent: 0 }, secondary_window: { used_percent: 0 } } });
    const glm = (await getQuota(server.url, QUOTA_PATHS.glm, buildQuotaHeaders('glm', 'anthropic'))).json as {
      data: { limits: { currentValue: number; percentage: number }[] };
    };
    expect(glm.data.limits.map((limit) => [limit.currentValue, limit.percentage])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
  });
});

describe('bar headers by profile', () => {
  it('scripted-codex and scripted-glm answers carry no rate-limit headers; scripted-claude answers do', async () => {
    server = await startScriptedServer({ script: getBuiltinScript('hello')!, solver: { tasksDir: bank } });
    for (const model of ['scripted-codex', 'scripted-glm']) {
      for (const answer of [await askMessages(server.url, model, 120_000), await askResponses(server.url, model, 120_000)]) {
        expect([...answer.headers.keys()].filter((name) => BAR_HEADER.test(name))).toEqual([]);
      }
    }
    const claude = await askMessages(server.url, 'scripted-claude', 1_000);
    expect(Number(claude.headers.get('anthropic-ratelimit-unified-5h-utilization'))).toBe(
      round4(claude.units / selectBarLimits('scripted-claude').fiveHourUnits),
    );
    const claudeResponses = await askResponses(server.url, 'scripted-claude', 1_000);
    expect(claudeResponses.headers.get('x-codex-primary-used-percent')).not.toBeNull();
    // The hidden bars still fill: the quota endpoint shows what the headers did not.
    const codexUnits = server.sent
      .filter((record) => record.model === 'scripted-codex')
      .reduce((sum, record) => sum + record.usage!.input_tokens + 5 * record.usage!.output_tokens, 0);
    const wham = (await getQuota(server.url, QUOTA_PATHS.codex, buildQuotaHeaders('codex', 'scripted-codex'))).json;
    expect(expectWholePercent(codexUnits, selectBarLimits('scripted-codex').fiveHourUnits)).toBeGreaterThan(0);
    expect(wham).toMatchObject({
      rate_limit: { primary_window: { used_percent: expectWholePercent(codexUnits, selectBarLimits('scripted-codex').fiveHourUnits) } },
    });
  });
});
