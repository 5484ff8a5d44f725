// Reads from one answer's bars whether its back end's window is spent: refused for it (429), or at the set threshold.
import { BAR_KINDS, BAR_NAMES, type BarName, type Bars, type FailoverReason } from '../../ledger/index.js';
import type { RateLimitReading } from '../../sources/index.js';

/** A spent window, its reset bounded by its bar's period; `clamped_from`: the reset the back end named, past that bound. */
export type SpentWindow = FailoverReason & { clamped_from?: string };

/**
 * The window a refusal names, or null for any other answer. Only a 429 that carries the vendor's verdict counts:
 * Anthropic's unified status `rejected` (docs.anthropic.com rate limits; what Claude Code shows as "limit reached"),
 * or a bar at 100 (Codex's `x-codex-*-used-percent`); a 429 without them is a per-minute limit and passes through,
 * as every other error does.
 */
export function readRefusedWindow(status: number, reading: RateLimitReading | null, nowMs: number): SpentWindow | null {
  if (status !== 429 || reading === null) return null;
  const full = pickLatestReset(reading.bars, 100, nowMs);
  if (full) return { trigger: 'rejected', ...full };
  if (reading.status !== 'rejected') return null;
  const fullest = pickFullest(reading.bars, nowMs);
  return fullest ? { trigger: 'rejected', ...fullest } : null;
}

/**
 * A bar at or above `atPct` whose reset is still ahead, or null: the back end is left before its refusal. The bars
 * come from an answer's headers or from the back end's quota endpoint (poll-quota.ts), whichever tells them.
 */
export function readThresholdWindow(bars: Bars, atPct: number, nowMs: number): SpentWindow | null {
  const over = pickLatestReset(bars, atPct, nowMs);
  return over && Date.parse(over.resets_at) > nowMs ? { trigger: 'threshold', ...over } : null;
}

/**
 * The reset a back end named for `bar`, bounded by what that bar's period allows from now (BAR_KINDS: 5 hours for a
 * 5-hour bar, 7 days for a weekly one, a day for a daily quota): a window cannot stay spent longer than its own period,
 * so a reset past that (a refusal naming the year 2199, a ten-year `retryDelay`) is that bound, and `clamped_from` says
 * what was named (`given`, read only then). A reset that is no time (NaN) is clamped the same way. Never throws.
 */
export function boundReset(
  bar: BarName,
  resetMs: number,
  nowMs: number,
  given: () => string,
): Pick<SpentWindow, 'resets_at' | 'clamped_from'> {
  // A day that resets at midnight Pacific time (Google's per-day quotas) lasts 25 hours when the clocks go back.
  const boundMs = nowMs + BAR_KINDS[bar].minutes * 60_000 + (bar === 'daily' ? HOUR_MS : 0);
  if (resetMs <= boundMs) return { resets_at: new Date(resetMs).toISOString() };
  return { resets_at: new Date(boundMs).toISOString(), clamped_from: given().slice(0, MAX_GIVEN_CHARS) };
}

const HOUR_MS = 3_600_000;
/** The figure a clamped reset names goes to the state file and stderr: a few words, never a body's worth. */
const MAX_GIVEN_CHARS = 64;

type SpentBar = Omit<SpentWindow, 'trigger'>;

/** Of the bars at or above `atPct`, the one that resets last (bounded): work can come back only once every full bar has reset. */
function pickLatestReset(bars: Bars, atPct: number, nowMs: number): SpentBar | null {
  let found: SpentBar | null = null;
  for (const bar of BAR_NAMES) {
    const value = bars[bar];
    if (!value || value.resets_at === null || value.used_pct < atPct) continue;
    const spent = readSpentBar(bar, value.used_pct, value.resets_at, nowMs);
    if (found === null || Date.parse(spent.resets_at) > Date.parse(found.resets_at)) found = spent;
  }
  return found;
}

function pickFullest(bars: Bars, nowMs: number): SpentBar | null {
  let found: SpentBar | null = null;
  for (const bar of BAR_NAMES) {
    const value = bars[bar];
    if (value && value.resets_at !== null && (found === null || value.used_pct > found.used_pct))
      found = readSpentBar(bar, value.used_pct, value.resets_at, nowMs);
  }
  return found;
}

function readSpentBar(bar: BarName, usedPct: number, resetsAt: string, nowMs: number): SpentBar {
  return { bar, used_pct: usedPct, ...boundReset(bar, Date.parse(resetsAt), nowMs, () => resetsAt) };
}
