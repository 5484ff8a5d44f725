// Anthropic's unified rate-limit headers (Claude subscriptions) as bars: fractions 0..1 and epoch-second resets.
import type { Bar, Bars } from '../../ledger/schemas/index.js';
import {
  FIVE_HOUR_MINUTES,
  type HeaderMap,
  readEpochSeconds,
  readHeader,
  readNumber,
  type RateLimitReading,
  WEEK_MINUTES,
} from './header-values.js';

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

/** `…-5h-utilization` / `…-7d-utilization` are fractions 0..1 and `…-reset` epoch seconds; null when none is present. */
export function readAnthropic(headers: HeaderMap): RateLimitReading | null {
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
