// The three providers' quota-endpoint bodies, shaped as public monitors record the real ones (sources below).
import { BAR_WINDOW_S, toPercent } from '../solver/solver-bars.js';
import type { QuotaReading } from './read-quota.js';

/*
 * Shapes checked (2026) against public code and issues that call the real endpoints:
 * - Claude `GET /api/oauth/usage`: charlieyou/aim QUOTA_APIS.md and better-ccflare's "Anthropic API Changelog"
 *   (2025-11-25 sample): utilization is a 0-100 percent sent as a float with a whole value (24.0), resets_at is ISO
 *   8601 with microseconds and `+00:00`, unused windows are null, `iguana_necktie: null` rides along. Later (2026-10)
 *   responses add more keys (`limits[]`, `spend`, codename keys); a parser must ignore keys it does not read.
 * - Codex `GET /backend-api/wham/usage`: openai/codex `codex-backend-openapi-models` (RateLimitWindowSnapshot:
 *   every window field an i32, so used_percent is a whole number; credits.balance an optional string) and the
 *   charlieyou/aim sample (Pro plan: `code_review_rate_limit` beside `rate_limit`, balance "0", approx_* arrays).
 * - GLM `GET /api/monitor/usage/quota/limit`: steipete/CodexBar#343, robinebers/openusage#242, getpaseo/paseo#5057
 *   and tnunamak/clawmeter: `usage` is the limit, `currentValue` the amount used, `percentage` a whole number,
 *   `nextResetTime` epoch ms; the TIME_LIMIT (tool calls) entry comes first and carries `usageDetails`; the raw
 *   body's key order is code, msg, data {limits, level}, success.
 */

/** The real endpoints never show float noise: a whole percent of a capped 0..1 fraction. */
function toWholePercent(fraction: number): number {
  return Math.round(toPercent(fraction));
}

/** `2026-11-22T16:00:00.123000+00:00`: Python's isoformat of a UTC datetime, as Anthropic's endpoint sends it. */
function formatIsoMicros(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/Z$/, '000+00:00');
}

/** Claude: JSON text, whole utilizations written as floats (`24.0`) like the real one. */
export function buildClaudeUsageText(reading: QuotaReading): string {
  const windowOf = (fraction: number, resetMs: number): { utilization: number; resets_at: string } => ({
    utilization: toWholePercent(fraction),
    resets_at: formatIsoMicros(resetMs),
  });
  const body = {
    five_hour: windowOf(reading.fiveHour, reading.fiveHourResetMs),
    seven_day: windowOf(reading.sevenDay, reading.sevenDayResetMs),
    seven_day_oauth_apps: null,
    seven_day_opus: null,
    seven_day_sonnet: null,
    iguana_necktie: null,
    extra_usage: { is_enabled: false, monthly_limit: null, used_credits: null, utilization: null },
  };
  // JSON.stringify writes 24 for 24.0; only the two windows' utilizations are numbers, so this touches nothing else.
  return JSON.stringify(body).replace(/"utilization":(\d+)(?=[,}])/g, '"utilization":$1.0');
}

interface WhamWindow {
  used_percent: number;
  limit_window_seconds: number;
  reset_after_seconds: number;
  reset_at: number;
}

/** One wham window: whole percent, whole seconds; reset_after_seconds counts down to reset_at and stops at 0. */
function buildWhamWindow(fraction: number, windowSeconds: number, resetMs: number, nowMs: number): WhamWindow {
  const resetAt = Math.floor(resetMs / 1000);
  return {
    used_percent: toWholePercent(fraction),
    limit_window_seconds: windowSeconds,
    reset_after_seconds: Math.max(0, resetAt - Math.floor(nowMs / 1000)),
    reset_at: resetAt,
  };
}

export function buildCodexUsageBody(reading: QuotaReading, nowMs: number): Record<string, unknown> {
  const limitReached = reading.fiveHour >= 1 || reading.sevenDay >= 1;
  return {
    plan_type: 'pro',
    rate_limit: {
      allowed: !limitReached,
      limit_reached: limitReached,
      primary_window: buildWhamWindow(reading.fiveHour, BAR_WINDOW_S.fiveHour, reading.fiveHourResetMs, nowMs),
      secondary_window: buildWhamWindow(reading.sevenDay, BAR_WINDOW_S.sevenDay, reading.sevenDayResetMs, nowMs),
    },
    // Code review is a separate limit the scripted models never use: an untouched weekly window, as in the sample.
    code_review_rate_limit: {
      allowed: true,
      limit_reached: false,
      primary_window: {
        used_percent: 0,
        limit_window_seconds: BAR_WINDOW_S.sevenDay,
        reset_after_seconds: BAR_WINDOW_S.sevenDay,
        reset_at: Math.floor(nowMs / 1000) + BAR_WINDOW_S.sevenDay,
      },
      secondary_window: null,
    },
    credits: { has_credits: false, unlimited: false, balance: '0', approx_local_messages: [0, 0], approx_cloud_messages: [0, 0] },
  };
}

/** GLM's tool-call allowance (web search and readers), monthly; the scripted agents never call those tools. */
const GLM_TIME_LIMIT_CALLS = 1000;
const GLM_MONTH_MS = 30 * 86400 * 1000;

/** A TOKENS_LIMIT entry: exact counts in units against the window's limit, a rounded percentage. */
function buildGlmTokensLimit(unit: 3 | 6, number: 5 | 1, used: number, limit: number, resetMs: number): Record<string, unknown> {
  return {
    type: 'TOKENS_LIMIT',
    unit,
    number,
    usage: limit,
    currentValue: used,
    remaining: Math.max(0, limit - used),
    percentage: Math.round(Math.min(100, (used * 100) / limit)),
    nextResetTime: resetMs,
  };
}

export function buildGlmQuotaBody(reading: QuotaReading): Record<string, unknown> {
  const timeLimit = {
    type: 'TIME_LIMIT',
    unit: 5,
    number: 1,
    usage: GLM_TIME_LIMIT_CALLS,
    currentValue: 0,
    remaining: GLM_TIME_LIMIT_CALLS,
    percentage: 0,
    nextResetTime: reading.periodStartMs + GLM_MONTH_MS,
    usageDetails: ['search-prime', 'web-reader', 'zread'].map((modelCode) => ({ modelCode, usage: 0 })),
  };
  return {
    code: 200,
    msg: 'Operation successful',
    data: {
      limits: [
        timeLimit,
        buildGlmTokensLimit(3, 5, reading.units, reading.fiveHourLimit, reading.fiveHourResetMs),
        buildGlmTokensLimit(6, 1, reading.units, reading.sevenDayLimit, reading.sevenDayResetMs),
      ],
      level: 'pro',
    },
    success: true,
  };
}
