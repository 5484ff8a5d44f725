// Reads subscription usage bars off a proxied response's headers: Anthropic's unified rate limits and Codex's x-codex-*.
import { readAnthropic } from './anthropic-rate-limits.js';
import { readCodex } from './codex-rate-limits.js';
import type { HeaderMap, RateLimitReading } from './header-values.js';

export type { HeaderMap, RateLimitReading } from './header-values.js';

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
