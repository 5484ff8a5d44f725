// Codex's x-codex-* rate-limit headers (ChatGPT subscriptions) as bars, the way codex-rs reads them.
import type { Bar, Bars } from '../../ledger/schemas/index.js';
import {
  FIVE_HOUR_MINUTES,
  type HeaderMap,
  readEpochSeconds,
  readNumber,
  readResetAfter,
  readHeader,
  type RateLimitReading,
  WEEK_MINUTES,
} from './header-values.js';

type Slot = 'five_hour' | 'weekly';

const CODEX_NAMES = ['primary', 'secondary'].flatMap((which) =>
  ['used-percent', 'window-minutes', 'reset-at', 'reset-after-seconds'].map((name) => `x-codex-${which}-${name}`),
);

/**
 * `x-codex-{primary,secondary}-used-percent` 0..100, `-window-minutes`, `-reset-at` epoch seconds (what codex-rs reads),
 * else `-reset-after-seconds`; null when none is present.
 */
export function readCodex(headers: HeaderMap, nowMs: number): RateLimitReading | null {
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
