// The three quota endpoints over HTTP: each one's shape and exact numbers after solver answers charged its account.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** Each account's window sizes (the models of the default run have plan-sized ones). */
const fiveH = (account: string): number => selectBarLimits(account).fiveHourUnits;
const sevenD = (account: string): number => selectBarLimits(account).sevenDayUnits;

const bank = makeTaskBank();
let server: ScriptedServer;
const units = { claude: 0, codex: 0, glm: 0 };
/** The reset epoch seconds scripted-claude's own bar headers carry: every endpoint must agree with them. */
let reset5h = 0;
let reset7d = 0;
let startWindow: [number, number] = [0, 0];

beforeAll(async () => {
  const before = Math.floor(Date.now() / 1000);
  server = await startScriptedServer({ script: getBuiltinScript('hello')!, solver: { tasksDir: bank } });
  startWindow = [before, Math.floor(Date.now() / 1000)];
  // Big bodies, so the percents are well above 0 and the exact counts are large.
  for (const padding of [300_000, 120_000]) {
    const answer = await askMessages(server.url, 'scripted-claude', padding);
    units.claude += answer.units;
    reset5h = Number(answer.headers.get('anthropic-ratelimit-unified-5h-reset'));
    reset7d = Number(answer.headers.get('anthropic-ratelimit-unified-7d-reset'));
  }
  for (const padding of [500_000, 90_000]) units.codex += (await askResponses(server.url, 'scripted-codex', padding)).units;
  for (const padding of [700_000, 260_000]) units.glm += (await askMessages(server.url, 'scripted-glm', padding)).units;
});
afterAll(async () => {
  await server.close();
  rmSync(bank, { recursive: true, force: true });
});

describe('quota endpoints after solver answers', () => {
  it('resets 4 h / 6 d 23 h after the server started, as the bar headers say', () => {
    expect(units.claude).toBeGreaterThan(100_000);
    expect(reset5h - 4 * 3600).toBeGreaterThanOrEqual(startWindow[0]);
    expect(reset5h - 4 * 3600).toBeLessThanOrEqual(startWindow[1]);
    expect(reset7d - reset5h).toBe(7 * 86400 - 5 * 3600);
  });

  it('Claude /api/oauth/usage: whole percents written as floats, ISO resets with microseconds and +00:00', async () => {
    const answer = await getQuota(server.url, QUOTA_PATHS.claude, buildQuotaHeaders('claude', 'scripted-claude'));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json');
    const fiveHour = expectWholePercent(units.claude, fiveH('scripted-claude'));
    const sevenDay = expectWholePercent(units.claude, sevenD('scripted-claude'));
    expect(fiveHour).toBeGreaterThan(0);
    expect(Object.keys(answer.json)).toEqual([
      'five_hour',
      'seven_day',
      'seven_day_oauth_apps',
      'seven_day_opus',
      'seven_day_sonnet',
      'iguana_necktie',
      'extra_usage',
    ]);
    expect(answer.json).toMatchObject({
      five_hour: { utilization: fiveHour },
      seven_day: { utilization: sevenDay },
      seven_day_oauth_apps: null,
      seven_day_opus: null,
      seven_day_sonnet: null,
      extra_usage: { is_enabled: false, monthly_limit: null, used_credits: null, utilization: null },
    });
    expect(answer.text).toContain(`"five_hour":{"utilization":${fiveHour}.0,`);
    expect(answer.text).toContain(`"seven_day":{"utilization":${sevenDay}.0,`);
    const windows = answer.json as Record<'five_hour' | 'seven_day', { resets_at: string }>;
    for (const [name, reset] of [
      ['five_hour', reset5h],
      ['seven_day', reset7d],
    ] as const) {
      expect(windows[name].resets_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}000\+00:00$/);
      expect(Math.floor(Date.parse(windows[name].resets_at) / 1000)).toBe(reset);
    }
  });

  it('Codex /backend-api/wham/usage: integer used_percent, window seconds, reset_at as the headers, a countdown', async () => {
    const answer = await getQuota(server.url, QUOTA_PATHS.codex, buildQuotaHeaders('codex', 'scripted-codex'));
    const nowS = Math.floor(Date.now() / 1000);
    expect(answer.status).toBe(200);
    const primary = expectWholePercent(units.codex, fiveH('scripted-codex'));
    expect(primary).toBeGreaterThan(0);
    expect(answer.json).toMatchObject({
      plan_type: 'pro',
      rate_limit: {
        allowed: true,
        limit_reached: false,
        primary_window: { used_percent: primary, limit_window_seconds: 18_000, reset_at: reset5h },
        secondary_window: {
          used_percent: expectWholePercent(units.codex, sevenD('scripted-codex')),
          limit_window_seconds: 604_800,
          reset_at: reset7d,
        },
      },
      credits: { has_credits: false, unlimited: false, balance: '0' },
    });
    const rateLimit = answer.json.rate_limit as Record<
      'primary_window' | 'secondary_window',
      { used_percent: number; reset_after_seconds: number }
    >;
    expect(Number.isInteger(rateLimit.primary_window.used_percent)).toBe(true);
    expect(Math.abs(rateLimit.primary_window.reset_after_seconds - (reset5h - nowS))).toBeLessThanOrEqual(1);
    expect(Math.abs(rateLimit.secondary_window.reset_after_seconds - (reset7d - nowS))).toBeLessThanOrEqual(1);
  });

  it('GLM /api/monitor/usage/quota/limit: exact unit counts against the window limits, rounded percentage, ms resets', async () => {
    const answer = await getQuota(server.url, QUOTA_PATHS.glm, buildQuotaHeaders('glm', 'scripted-glm'));
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.json)).toEqual(['code', 'msg', 'data', 'success']);
    expect(answer.json).toMatchObject({ code: 200, msg: 'Operation successful', success: true, data: { level: 'pro' } });
    const limits = (answer.json.data as { limits: Record<string, unknown>[] }).limits;
    const claude = (await getQuota(server.url, QUOTA_PATHS.claude, buildQuotaHeaders('claude', 'scripted-claude'))).json as {
      five_hour: { resets_at: string };
    };
    const subSecondMs = Date.parse(claude.five_hour.resets_at) % 1000;
    expect(limits).toEqual([
      expect.objectContaining({ type: 'TIME_LIMIT', unit: 5, number: 1, usage: 1000, currentValue: 0, remaining: 1000, percentage: 0 }),
      {
        type: 'TOKENS_LIMIT',
        unit: 3,
        number: 5,
        usage: fiveH('scripted-glm'),
        currentValue: units.glm,
        remaining: Math.max(0, fiveH('scripted-glm') - units.glm),
        percentage: Math.round(Math.min(1, units.glm / fiveH('scripted-glm')) * 100),
        nextResetTime: reset5h * 1000 + subSecondMs,
      },
      {
        type: 'TOKENS_LIMIT',
        unit: 6,
        number: 1,
        usage: sevenD('scripted-glm'),
        currentValue: units.glm,
        remaining: Math.max(0, sevenD('scripted-glm') - units.glm),
        percentage: Math.round(Math.min(1, units.glm / sevenD('scripted-glm')) * 100),
        nextResetTime: reset7d * 1000 + subSecondMs,
      },
    ]);
    expect(limits[1]?.percentage).toBeGreaterThan(0);
  });

  it('keeps accounts apart: a fresh account reads 0 everywhere with the same resets', async () => {
    const claude = (await getQuota(server.url, QUOTA_PATHS.claude, buildQuotaHeaders('claude', 'nobody'))).json as Record<
      string,
      { utilization: number; resets_at: string }
    >;
    expect(claude.five_hour).toMatchObject({ utilization: 0 });
    expect(Math.floor(Date.parse(claude.five_hour!.resets_at) / 1000)).toBe(reset5h);
    const codex = (await getQuota(server.url, QUOTA_PATHS.codex, buildQuotaHeaders('codex', 'scripted-claude'))).json;
    // scripted-claude's units read back on any endpoint: the credential names the account, not the API.
    expect(codex).toMatchObject({
      rate_limit: { primary_window: { used_percent: expectWholePercent(units.claude, fiveH('scripted-claude')) } },
    });
    const glm = (await getQuota(server.url, QUOTA_PATHS.glm, buildQuotaHeaders('glm', 'nobody'))).json as {
      data: { limits: { currentValue: number }[] };
    };
    expect(glm.data.limits.map((limit) => limit.currentValue)).toEqual([0, 0, 0]);
  });
});
