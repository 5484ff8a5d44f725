// Reads subscription usage bars off a proxied response's headers: Anthropic's unified rate limits and Codex's x-codex-*.
import type { Bar, Bars } from '../../ledger/schemas/index.js';
import { isPlausibleTime } from './codex-rollout-line.js';

export interface RateLimitReading {
  family: 'anthropic' | 'codex';
  bars: Bars;
  /** `anthropic-ratelimit-unified-status` (else the 5h, then the 7d status): allowed, allowed_warning, rejected; null for Codex. */
  status: string | null;
}

/** Header map as node's IncomingHttpHeaders / undici give it: lower-case names, repeated headers as arrays. */
export type HeaderMap = Record<string, string | string[] | undefined>;

type Slot = 'five_hour' | 'weekly';
const FIVE_HOUR_MINUTES = 300;
const WEEK_MINUTES = 10_080;

const ANTHROPIC = 'anthropic-ratelimit-unified-';
const ANTHROPIC_NAMES = [
  'status',
  'representative-claim',
  '5h-utilization',
  '5h-reset',
  '5h-status',
  '7d-utilization',
  '7d-reset',
  '7d-status',
].map((name) => ANTHROPIC + name);
const CODEX_NAMES = ['primary', 'secondary'].flatMap((which) =>
  ['used-percent', 'window-minutes', 'reset-at', 'reset-after-seconds'].map((name) => `x-codex-${which}-${name}`),
);

/**
 * Anthropic (Claude subscriptions): `…-5h-utilization` / `…-7d-utilization` are fractions 0..1 and
 * `…-reset` epoch seconds. Codex: `x-codex-{primary,secondary}-used-percent` 0..100,
 * `-window-minutes`, `-reset-at` epoch seconds (what codex-rs reads), else `-reset-after-seconds`.
 *
 * A value that is present but not a number, negative or out of range drops its bar (nothing is
 * clamped); a missing reset gives `resets_at: null`. Null when no relevant header is present. When
 * both families are present, the first (Anthropic, then Codex) that yields a bar wins. Never throws.
 */
export function parseRateLimitHeaders(headers: HeaderMap, now: Date): RateLimitReading | null {
  try {
    const readings = [readAnthropic(headers), readCodex(headers, now.getTime())].filter(
      (reading): reading is RateLimitReading => reading !== null,
    );
    return readings.find((reading) => Object.keys(reading.bars).length > 0) ?? readings[0] ?? null;
  } catch {
    return null;
  }
}

function readAnthropic(headers: HeaderMap): RateLimitReading | null {
  if (!ANTHROPIC_NAMES.some((name) => readHeader(headers, name) !== undefined)) return null;
  const bars: Bars = {};
  const fiveHour = readAnthropicBar(headers, '5h', FIVE_HOUR_MINUTES);
  if (fiveHour !== null) bars.five_hour = fiveHour;
  const weekly = readAnthropicBar(headers, '7d', WEEK_MINUTES);
  if (weekly !== null) bars.weekly = weekly;
  const status =
    readHeader(headers, `${ANTHROPIC}status`) ??
    readHeader(headers, `${ANTHROPIC}5h-status`) ??
    readHeader(headers, `${ANTHROPIC}7d-status`) ??
    null;
  return { family: 'anthropic', bars, status };
}

function readAnthropicBar(headers: HeaderMap, window: '5h' | '7d', minutes: number): Bar | null {
  const fraction = readNumber(headers, `${ANTHROPIC}${window}-utilization`);
  if (fraction === undefined || fraction === null || fraction < 0 || fraction > 1) return null;
  const resetsAt = readEpochSeconds(headers, `${ANTHROPIC}${window}-reset`);
  if (resetsAt === undefined) return null;
  return { used_pct: Math.round(fraction * 10_000) / 100, resets_at: resetsAt, window_minutes: minutes };
}

function readCodex(headers: HeaderMap, nowMs: number): RateLimitReading | null {
  if (!CODEX_NAMES.some((name) => readHeader(headers, name) !== undefined)) return null;
  const bars: Bars = {};
  for (const [which, fallback] of [
    ['primary', 'five_hour'],
    ['secondary', 'weekly'],
  ] as const) {
    const bar = readCodexBar(headers, which, nowMs);
    if (bar === null) continue;
    const preferred: Slot =
      bar.window_minutes === FIVE_HOUR_MINUTES ? 'five_hour' : bar.window_minutes === WEEK_MINUTES ? 'weekly' : fallback;
    const slot = bars[preferred] === undefined ? preferred : bars[otherSlot(preferred)] === undefined ? otherSlot(preferred) : null;
    if (slot !== null) bars[slot] = bar;
  }
  return { family: 'codex', bars, status: null };
}

function readCodexBar(headers: HeaderMap, which: 'primary' | 'secondary', nowMs: number): Bar | null {
  const prefix = `x-codex-${which}-`;
  const pct = readNumber(headers, `${prefix}used-percent`);
  if (pct === undefined || pct === null || pct < 0 || pct > 100) return null;
  const minutes = readNumber(headers, `${prefix}window-minutes`);
  if (minutes === null || (minutes !== undefined && (minutes < 0 || !Number.isInteger(minutes)))) return null;
  let resetsAt = readEpochSeconds(headers, `${prefix}reset-at`);
  if (resetsAt === null) resetsAt = readResetAfter(headers, `${prefix}reset-after-seconds`, nowMs);
  if (resetsAt === undefined) return null;
  // codex-rs ignores a window that says nothing: 0 % used, no (or a 0-minute) window, no reset.
  const knownMinutes = minutes !== undefined && minutes > 0 ? minutes : undefined;
  if (pct === 0 && knownMinutes === undefined && resetsAt === null) return null;
  const bar: Bar = { used_pct: pct, resets_at: resetsAt };
  if (knownMinutes !== undefined) bar.window_minutes = knownMinutes;
  return bar;
}

function otherSlot(slot: Slot): Slot {
  return slot === 'five_hour' ? 'weekly' : 'five_hour';
}

/** First value of a header, trimmed; undefined when absent or blank. */
function readHeader(headers: HeaderMap, name: string): string | undefined {
  const raw = headers[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** undefined: absent; null: present but not a finite number. */
function readNumber(headers: HeaderMap, name: string): number | null | undefined {
  const text = readHeader(headers, name);
  if (text === undefined) return undefined;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** ISO instant of an epoch-seconds header; null when absent; undefined when present but not a plausible time. */
function readEpochSeconds(headers: HeaderMap, name: string): string | null | undefined {
  const seconds = readNumber(headers, name);
  if (seconds === undefined) return null;
  if (seconds === null || !isPlausibleTime(seconds * 1000)) return undefined;
  return new Date(Math.round(seconds * 1000)).toISOString();
}

function readResetAfter(headers: HeaderMap, name: string, nowMs: number): string | null | undefined {
  const seconds = readNumber(headers, name);
  if (seconds === undefined) return null;
  if (seconds === null || seconds < 0 || !isPlausibleTime(nowMs + seconds * 1000)) return undefined;
  return new Date(Math.round(nowMs + seconds * 1000)).toISOString();
}
