// Reads from one answer's bars whether its back end's window is spent: refused for it (429), or at the set threshold.
import { BAR_NAMES, type Bars, type FailoverReason } from '../../ledger/index.js';
import type { RateLimitReading } from '../../sources/index.js';

/**
 * The window a refusal names, or null for any other answer. Only a 429 that carries the vendor's verdict counts:
 * Anthropic's unified status `rejected` (docs.anthropic.com rate limits; what Claude Code shows as "limit reached"),
 * or a bar at 100 (Codex's `x-codex-*-used-percent`); a 429 without them is a per-minute limit and passes through,
 * as every other error does.
 */
export function readRefusedWindow(status: number, reading: RateLimitReading | null): FailoverReason | null {
  if (status !== 429 || reading === null) return null;
  const full = pickLatestReset(reading.bars, 100);
  if (full) return { trigger: 'rejected', ...full };
  if (reading.status !== 'rejected') return null;
  const fullest = pickFullest(reading.bars);
  return fullest ? { trigger: 'rejected', ...fullest } : null;
}

/**
 * A bar at or above `atPct` whose reset is still ahead, or null: the back end is left before its refusal. The bars
 * come from an answer's headers or from the back end's quota endpoint (poll-quota.ts), whichever tells them.
 */
export function readThresholdWindow(bars: Bars, atPct: number, nowMs: number): FailoverReason | null {
  const over = pickLatestReset(bars, atPct);
  return over && Date.parse(over.resets_at) > nowMs ? { trigger: 'threshold', ...over } : null;
}

type SpentBar = Omit<FailoverReason, 'trigger'>;

/** Of the bars at or above `atPct`, the one that resets last: work can come back only once every full bar has reset. */
function pickLatestReset(bars: Bars, atPct: number): SpentBar | null {
  let found: SpentBar | null = null;
  for (const bar of BAR_NAMES) {
    const value = bars[bar];
    if (!value || value.resets_at === null || value.used_pct < atPct) continue;
    if (found === null || Date.parse(value.resets_at) > Date.parse(found.resets_at))
      found = { bar, used_pct: value.used_pct, resets_at: value.resets_at };
  }
  return found;
}

function pickFullest(bars: Bars): SpentBar | null {
  let found: SpentBar | null = null;
  for (const bar of BAR_NAMES) {
    const value = bars[bar];
    if (value && value.resets_at !== null && (found === null || value.used_pct > found.used_pct))
      found = { bar, used_pct: value.used_pct, resets_at: value.resets_at };
  }
  return found;
}
