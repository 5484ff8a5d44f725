// Quota answers out of range or of a shape the reader does not know: refused with the field named, never taken as "no bars".
import { describe, expect, it } from 'vitest';
import { parseClaudeQuota } from './parse-claude-quota.js';
import { parseCodexQuota } from './parse-codex-quota.js';
import { parseGlmQuota } from './parse-glm-quota.js';

const NOW = new Date('2026-11-22T12:00:00Z');
const message = (parsed: { ok: boolean; issues?: Array<{ message: string }> }): string =>
  parsed.ok ? '' : (parsed.issues?.[0]?.message ?? '');

describe('out-of-range values', () => {
  it('refuses a utilization of 1e308 and resets in the years 9999 and 0001, naming the field', () => {
    expect(message(parseClaudeQuota('{"five_hour": {"utilization": 1e308, "resets_at": null}, "seven_day": null}'))).toMatch(
      /at five_hour\.utilization/,
    );
    const far = '{"five_hour": {"utilization": 5, "resets_at": "9999-12-31T00:00:00Z"}, "seven_day": null}';
    expect(message(parseClaudeQuota(far))).toMatch(/at five_hour\.resets_at: a reset outside 2020 to 2099/);
    const early = { rate_limit: { primary_window: { used_percent: 4, limit_window_seconds: 18_000, reset_at: -62135596800 } } };
    expect(message(parseCodexQuota(JSON.stringify(early), NOW))).toMatch(/at rate_limit\.primary_window\.reset_at: a reset before 2020/);
    const glm = {
      code: 200,
      data: { limits: [{ type: 'TOKENS_LIMIT', unit: 3, number: 5, percentage: 3, nextResetTime: 253402214400000 }] },
    };
    expect(message(parseGlmQuota(JSON.stringify(glm)))).toMatch(/at data\.limits\[0\]\.nextResetTime: a reset after 2099/);
  });

  it('still reads Claude over 100% (extra usage bought)', () => {
    const parsed = parseClaudeQuota('{"five_hour": {"utilization": 112, "resets_at": null}, "seven_day": null}');
    expect(parsed.ok && parsed.value.parse_errors).toEqual(['five_hour-over-100']);
  });
});

describe('GLM limits of every type', () => {
  const credit = (usage: number | null, currentValue: number | null) => ({
    code: 200,
    data: {
      level: 'max',
      limits: [
        {
          type: 'CREDIT_LIMIT',
          unit: 3,
          number: 5,
          percentage: 12,
          usage,
          currentValue,
          remaining: null,
          nextResetTime: 1_795_363_200_000,
        },
        { type: 'TIME_LIMIT', unit: 5, number: 1, percentage: 1, usage: 1000, currentValue: 10, remaining: 990 },
      ],
    },
  });

  it('reads a CREDIT_LIMIT window: the exact counts when present, else its percentage', () => {
    const exact = parseGlmQuota(JSON.stringify(credit(2_000_000, 250_000)));
    expect(exact.ok && exact.value.bars.five_hour).toMatchObject({ used_pct: 12.5, used: 250_000, limit: 2_000_000, window_minutes: 300 });
    expect(exact.ok && exact.value.parse_errors).toEqual(['five_hour-from-CREDIT_LIMIT']);
    const rounded = parseGlmQuota(JSON.stringify(credit(null, null)));
    expect(rounded.ok && rounded.value.bars.five_hour?.used_pct).toBe(12);
    expect(rounded.ok && rounded.value.parse_errors).toEqual(['five_hour-from-CREDIT_LIMIT', 'five_hour-percentage-rounded']);
  });

  it('prefers TOKENS_LIMIT when both types give one window', () => {
    const both = credit(null, null);
    both.data.limits.push({
      type: 'TOKENS_LIMIT',
      unit: 3,
      number: 5,
      percentage: 40,
      usage: null,
      currentValue: null,
      remaining: null,
      nextResetTime: 1_795_363_200_000,
    });
    const parsed = parseGlmQuota(JSON.stringify(both));
    expect(parsed.ok && parsed.value.bars.five_hour?.used_pct).toBe(40);
    expect(parsed.ok && parsed.value.parse_errors).toContain('CREDIT_LIMIT-five_hour-not-kept');
  });

  it('refuses an answer with no 5-hour or weekly limit, naming the limits it had', () => {
    const onlyTime = { code: 200, data: { limits: [{ type: 'TIME_LIMIT', unit: 5, number: 1, percentage: 1 }] } };
    expect(message(parseGlmQuota(JSON.stringify(onlyTime)))).toMatch(/holds no bar that could be read: .*TIME_LIMIT \(unit 5, number 1\)/);
  });
});

describe('answers with no bar at all are refused', () => {
  it('Codex with renamed fields, or a null rate_limit', () => {
    const renamed = { rate_limit: { primary: { used_percent: 4, window_seconds: 18_000 } } };
    expect(message(parseCodexQuota(JSON.stringify(renamed), NOW))).toMatch(/no primary_window or secondary_window \(it has: primary\)/);
    expect(message(parseCodexQuota('{"rate_limit": null}', NOW))).toMatch(/rate_limit is null/);
  });

  it('Claude with every window null', () => {
    expect(message(parseClaudeQuota('{"five_hour": null, "seven_day": null}'))).toMatch(/holds no bar that could be read/);
  });
});
