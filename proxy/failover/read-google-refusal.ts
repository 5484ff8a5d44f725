// Reads from a Gemini API or Code Assist 429's body whether it refuses for a spent quota window, and until when.
import type * as Luxon from 'luxon';
import { requireLazily } from '../../kernel/index.js';
import { boundReset, type SpentWindow } from './read-spent-window.js';

/**
 * Google's APIs send no bars in their headers: a spent quota is a 429 whose body is the google.rpc error envelope,
 * `error.status: "RESOURCE_EXHAUSTED"` with `details` (ai.google.dev/gemini-api/docs/rate-limits). As Gemini CLI tells
 * them apart (packages/core/src/utils/googleQuotaErrors.ts, classifyGoogleError: "terminal" against "retryable"), a
 * window is spent when a `QuotaFailure` violation's `quotaId` is a per-day one, when Code Assist's `ErrorInfo` says
 * `QUOTA_EXHAUSTED`, or when `RetryInfo.retryDelay` is over 5 minutes (a per-day quota until the next midnight Pacific
 * time at the earliest, whatever its delay says); a per-minute quota, `RATE_LIMIT_EXCEEDED` with a
 * short delay, `MODEL_CAPACITY_EXHAUSTED` or a 429 without details is a passing limit, which reaches the client.
 */
export function readGoogleRefusal(status: number, body: string, nowMs: number): SpentWindow | null {
  if (status !== 429) return null;
  const error = readErrorEnvelope(body);
  if (error === null || error.status !== 'RESOURCE_EXHAUSTED' || !Array.isArray(error.details)) return null;
  const details = error.details.filter((detail): detail is Record<string, unknown> => typeof detail === 'object' && detail !== null);
  const delay = readRetryDelay(details);
  const delayS = delay?.seconds ?? null;
  const daily = details.some(
    (detail) =>
      detail['@type'] === QUOTA_FAILURE &&
      Array.isArray(detail.violations) &&
      detail.violations.some((violation: { quotaId?: unknown }) => /PerDay|Daily/.test(String(violation?.quotaId ?? ''))),
  );
  const exhausted = details.some((detail) => detail['@type'] === ERROR_INFO && detail.reason === 'QUOTA_EXHAUSTED');
  if (!daily && !exhausted && !(delayS !== null && delayS > MAX_PASSING_DELAY_S)) return null;
  // Without a delay (nor a per-day quota) the reset is unknown: now, which the chain holds for a minute before it tries that back end again.
  // Google documents no quota longer than a day (per-day ones): a longer delay is bounded there, naming what it said.
  const delayed = boundReset('daily', nowMs + (delayS ?? 0) * 1000, nowMs, () => `retryDelay ${delay?.text}`);
  // A per-day quota's RetryInfo is a short retry hint ("47s"), not its reset: requests per day reset at midnight Pacific
  // time (ai.google.dev/gemini-api/docs/rate-limits). Code Assist's QUOTA_EXHAUSTED names its real, long delay.
  const midnightMs = daily ? readNextPacificMidnight(nowMs) : Number.NEGATIVE_INFINITY;
  const reset = Date.parse(delayed.resets_at) >= midnightMs ? delayed : { resets_at: new Date(midnightMs).toISOString() };
  return { trigger: 'rejected', bar: 'daily', used_pct: 100, ...reset };
}

const QUOTA_FAILURE = 'type.googleapis.com/google.rpc.QuotaFailure';
const ERROR_INFO = 'type.googleapis.com/google.rpc.ErrorInfo';
const RETRY_INFO = 'type.googleapis.com/google.rpc.RetryInfo';
/** Gemini CLI's MAX_RETRYABLE_DELAY_SECONDS: a longer wait than this is a window, not a passing limit. */
const MAX_PASSING_DELAY_S = 300;

// A Gemini refusal is rare; luxon (its zone arithmetic) loads then, not with every command that reaches this module.
const loadLuxon = requireLazily<typeof Luxon>('luxon');

/** The next midnight in America/Los_Angeles after `nowMs`, daylight saving time included. */
function readNextPacificMidnight(nowMs: number): number {
  return loadLuxon().DateTime.fromMillis(nowMs, { zone: 'America/Los_Angeles' }).startOf('day').plus({ days: 1 }).toMillis();
}

/** `{error}`, or `[{error}]` as Code Assist's streaming method sends it. */
function readErrorEnvelope(body: string): { status?: unknown; details?: unknown } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  const top = Array.isArray(parsed) ? parsed[0] : parsed;
  const error = typeof top === 'object' && top !== null ? (top as { error?: unknown }).error : null;
  return typeof error === 'object' && error !== null ? (error as { status?: unknown; details?: unknown }) : null;
}

/** RetryInfo's `retryDelay`, a google.protobuf.Duration in JSON ("58s", "34.07s", "900ms"), in seconds, and as written. */
function readRetryDelay(details: readonly Record<string, unknown>[]): { seconds: number; text: string } | null {
  const delay = details.find((detail) => detail['@type'] === RETRY_INFO)?.retryDelay;
  if (typeof delay !== 'string') return null;
  const match = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(delay.trim());
  if (!match) return null;
  return { seconds: Number(match[1]) / (match[2] === 'ms' ? 1000 : 1), text: delay.trim() };
}
