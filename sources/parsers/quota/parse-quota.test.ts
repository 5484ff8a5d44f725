// The three quota parsers on answers shaped as the real endpoints send them, and on shapes they must refuse.
import { describe, expect, it } from 'vitest';
import { parseClaudeQuota } from './parse-claude-quota.js';
import { parseCodexQuota } from './parse-codex-quota.js';
import { parseGeminiQuota } from './parse-gemini-quota.js';
import { parseGlmQuota } from './parse-glm-quota.js';

const NOW = new Date('2026-11-22T12:00:00Z');

describe('parseClaudeQuota', () => {
  const answer = {
    five_hour: { utilization: 37.0, resets_at: '2026-11-22T15:00:00.412871+00:00' },
    seven_day: { utilization: 12.0, resets_at: '2026-11-27T09:00:00.412893+00:00' },
    seven_day_oauth_apps: null,
    seven_day_opus: null,
    seven_day_sonnet: { utilization: 3.0, resets_at: '2026-11-27T09:00:00.412900+00:00' },
    extra_usage: { is_enabled: false, monthly_limit: null, used_credits: null, utilization: null },
  };

  it('maps five_hour, seven_day and seven_day_sonnet to the ledger bars', () => {
    const parsed = parseClaudeQuota(JSON.stringify(answer));
    expect(parsed.ok && parsed.value.bars).toEqual({
      five_hour: { used_pct: 37, resets_at: '2026-11-22T15:00:00.412Z', window_minutes: 300 },
      weekly: { used_pct: 12, resets_at: '2026-11-27T09:00:00.412Z', window_minutes: 10_080 },
      weekly_sonnet: { used_pct: 3, resets_at: '2026-11-27T09:00:00.412Z', window_minutes: 10_080 },
    });
  });

  it('keeps a null window out and reads a null reset as unknown', () => {
    const parsed = parseClaudeQuota(JSON.stringify({ ...answer, seven_day: null, five_hour: { utilization: 5, resets_at: null } }));
    expect(parsed.ok && parsed.value.bars).toEqual({
      five_hour: { used_pct: 5, resets_at: null, window_minutes: 300 },
      weekly_sonnet: expect.any(Object),
    });
  });

  it('refuses a renamed field, naming it', () => {
    const parsed = parseClaudeQuota(JSON.stringify({ ...answer, five_hour: { used: 37, resets_at: null } }));
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.issues[0]?.message).toMatch(/at five_hour\.utilization/);
  });

  it('refuses a body that is not JSON', () => {
    const parsed = parseClaudeQuota('<html>login</html>');
    expect(!parsed.ok && parsed.issues[0]?.message).toMatch(/not JSON/);
  });
});

describe('parseCodexQuota', () => {
  const answer = {
    plan_type: 'plus',
    rate_limit: {
      allowed: true,
      limit_reached: false,
      primary_window: { used_percent: 41, limit_window_seconds: 18_000, reset_after_seconds: 7200, reset_at: 1_795_363_200 },
      secondary_window: { used_percent: 9, limit_window_seconds: 604_800, reset_after_seconds: 400_000 },
    },
    credits: { has_credits: false, unlimited: false, balance: null },
  };

  it('maps windows by their length, reset_at first, else reset_after_seconds from now', () => {
    const parsed = parseCodexQuota(JSON.stringify(answer), NOW);
    expect(parsed.ok && parsed.value).toMatchObject({
      plan: 'plus',
      bars: {
        five_hour: { used_pct: 41, resets_at: new Date(1_795_363_200_000).toISOString(), window_minutes: 300 },
        weekly: { used_pct: 9, resets_at: new Date(NOW.getTime() + 400_000_000).toISOString(), window_minutes: 10_080 },
      },
      parse_errors: ['percentage-rounded'],
    });
  });

  it('refuses a window of a length it does not know', () => {
    const odd = {
      ...answer,
      rate_limit: { ...answer.rate_limit, primary_window: { ...answer.rate_limit.primary_window, limit_window_seconds: 3600 } },
    };
    const parsed = parseCodexQuota(JSON.stringify(odd), NOW);
    expect(!parsed.ok && parsed.issues[0]?.message).toMatch(/rate_limit\.primary_window\.limit_window_seconds: 3600/);
  });

  it('refuses a used_percent that is not a number', () => {
    const odd = { ...answer, rate_limit: { ...answer.rate_limit, secondary_window: { used_percent: '9', limit_window_seconds: 604_800 } } };
    expect(parseCodexQuota(JSON.stringify(odd), NOW).ok).toBe(false);
  });
});

describe('parseGlmQuota', () => {
  const answer = {
    code: 200,
    msg: 'Operation successful',
    success: true,
    data: {
      level: 'pro',
      limits: [
        {
          type: 'TOKENS_LIMIT',
          unit: 3,
          number: 5,
          usage: 40_000_000,
          currentValue: 1_234_567,
          remaining: 38_765_433,
          percentage: 3,
          nextResetTime: 1_795_363_200_000,
        },
        {
          type: 'TOKENS_LIMIT',
          unit: 6,
          number: 1,
          usage: null,
          currentValue: null,
          remaining: null,
          percentage: 18,
          nextResetTime: 1_795_795_200_000,
        },
        {
          type: 'TIME_LIMIT',
          unit: 5,
          number: 1,
          usage: 1000,
          currentValue: 17,
          remaining: 983,
          percentage: 1,
          nextResetTime: 1_796_000_000_000,
        },
      ],
    },
  };

  it('prefers the exact count ratio over the rounded percentage, and says when only the percentage was there', () => {
    const parsed = parseGlmQuota(JSON.stringify(answer));
    expect(parsed.ok && parsed.value).toEqual({
      plan: 'pro',
      bars: {
        five_hour: {
          used_pct: 3.086418,
          resets_at: new Date(1_795_363_200_000).toISOString(),
          window_minutes: 300,
          used: 1_234_567,
          limit: 40_000_000,
        },
        weekly: { used_pct: 18, resets_at: new Date(1_795_795_200_000).toISOString(), window_minutes: 10_080 },
      },
      parse_errors: ['weekly-percentage-rounded'],
    });
  });

  it('refuses an error answer with its message', () => {
    const parsed = parseGlmQuota(JSON.stringify({ code: 1001, msg: 'Authorization token missing', success: false }));
    expect(!parsed.ok && parsed.issues[0]?.message).toMatch(/code 1001 \(Authorization token missing\)/);
  });

  it('refuses a token window of an unknown unit, naming the row', () => {
    const odd = { ...answer, data: { ...answer.data, limits: [{ ...answer.data.limits[0], unit: 4 }] } };
    const parsed = parseGlmQuota(JSON.stringify(odd));
    expect(!parsed.ok && parsed.issues[0]?.message).toMatch(/data\.limits\[0\]\.unit/);
  });

  it('refuses limits that are not a list, naming the field', () => {
    const parsed = parseGlmQuota(JSON.stringify({ code: 200, data: { limits: {} } }));
    expect(!parsed.ok && parsed.issues[0]?.message).toMatch(/at data\.limits/);
  });
});

describe('parseGeminiQuota', () => {
  // Shaped as Gemini CLI 0.61.0 reads Code Assist's retrieveUserQuota (its bundle, refreshUserQuota).
  const bucket = (modelId: string, remainingFraction: number, remainingAmount?: string) => ({
    ...(remainingAmount === undefined ? {} : { remainingAmount }),
    remainingFraction,
    resetTime: '2026-11-23T08:00:00Z',
    tokenType: 'REQUESTS',
    modelId,
  });

  it('reads the bucket nearest its limit as the daily bar, with counts where the remaining amount is sent', () => {
    const parsed = parseGeminiQuota(
      JSON.stringify({ buckets: [bucket('gemini-2.5-flash', 0.9, '1350'), bucket('gemini-2.5-pro', 0.25, '375')] }),
    );
    expect(parsed.ok && parsed.value).toMatchObject({
      plan: null,
      bars: { daily: { used_pct: 75, resets_at: '2026-11-23T08:00:00.000Z', window_minutes: 1440, used: 1125, limit: 1500 } },
      parse_errors: ['daily-from-gemini-2.5-pro', 'buckets-2'],
    });
  });

  it("reads the bucket of the model asked for, whatever the others' levels (a run's arms use one model)", () => {
    const answer = JSON.stringify({ buckets: [bucket('gemini-2.5-flash', 0.2), bucket('gemini-2.5-pro', 0.9)] });
    const asked = parseGeminiQuota(answer, 'gemini-2.5-pro');
    expect(asked.ok && [asked.value.bars.daily?.used_pct, asked.value.parse_errors[0]]).toEqual([10, 'daily-from-gemini-2.5-pro']);
    const unknown = parseGeminiQuota(answer, 'gemini-9');
    expect(unknown.ok && unknown.value.bars.daily?.used_pct).toBe(80);
  });

  it('keeps the fraction alone when no amount is sent or none is left, and skips buckets the CLI skips', () => {
    const parsed = parseGeminiQuota(JSON.stringify({ buckets: [{ remainingFraction: 0 }, bucket('gemini-2.5-pro', 0.5)] }));
    expect(parsed.ok && parsed.value.bars).toEqual({
      daily: { used_pct: 50, resets_at: '2026-11-23T08:00:00.000Z', window_minutes: 1440 },
    });
    const spent = parseGeminiQuota(JSON.stringify({ buckets: [bucket('gemini-2.5-pro', 0, '0')] }));
    expect(spent.ok && spent.value.bars.daily).toEqual({ used_pct: 100, resets_at: '2026-11-23T08:00:00.000Z', window_minutes: 1440 });
  });

  it('refuses an answer with no readable bucket, or a field of another shape, naming it', () => {
    const empty = parseGeminiQuota('{"buckets": []}');
    expect(!empty.ok && empty.issues[0]?.message).toContain('no bucket has a model and a remaining fraction');
    const odd = parseGeminiQuota(JSON.stringify({ buckets: [bucket('gemini-2.5-pro', 0.5, '12.5')] }));
    expect(!odd.ok && odd.issues[0]?.message).toContain('at buckets[0].remainingAmount');
    const over = parseGeminiQuota(JSON.stringify({ buckets: [bucket('gemini-2.5-pro', 1.5)] }));
    expect(!over.ok && over.issues[0]?.message).toContain('at buckets[0].remainingFraction');
  });
});
