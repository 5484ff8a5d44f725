// The figures `tracker plans` prints: a spread with its interval, a count of tokens (pure).
import type { Spread } from './price-plan-outcome.js';

/** `1.0 [0.5, 2.0]`; one figure where the ends agree. */
export function formatSpread(spread: Spread | null, digits: number): string {
  if (spread === null) return 'n/a';
  const show = (value: number) => value.toFixed(digits);
  if (spread.low === null || spread.high === null) return `${show(spread.estimate)} [interval n/a]`;
  return spread.low === spread.high ? show(spread.estimate) : `${show(spread.estimate)} [${show(spread.low)}, ${show(spread.high)}]`;
}

/** 1.2M, 34k, 560. */
export function formatTokens(tokens: number): string {
  if (tokens >= 1e6) return `${(tokens / 1e6).toFixed(1)}M`;
  if (tokens >= 1e3) return `${(tokens / 1e3).toFixed(0)}k`;
  return String(Math.round(tokens));
}
