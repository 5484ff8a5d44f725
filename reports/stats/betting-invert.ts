// Turns two monotone betting wealth processes into a confidence interval by bisection: pure.
import type { ConfidenceSequence } from './confidence-sequence.js';

/** The log of a wealth process W_n(m) for a candidate centre or mean m. */
export type LogWealth = (m: number) => number;

/** Bisection stops when the bracket is this fraction of the search range (about 20 halvings). */
const RELATIVE_TOLERANCE = 1e-6;

/**
 * The lower end of {m : logUp(m) < threshold} for a log-wealth that does not increase with m (the bettor who
 * bets the centre is higher than m gains less as m grows), searched in [lo, hi] where logUp(hi) < threshold.
 * Returns `belowAll` when nothing in the range is rejected (logUp(lo) < threshold; the caller picks lo so
 * that the wealth is at its largest there), else the largest point found that is still rejected. Returning a
 * rejected point, not the bisection's midpoint, keeps the reported interval a superset of the exact one, so
 * `low > 0` implies that 0 itself was rejected.
 */
export function findLowerBound(logUp: LogWealth, threshold: number, lo: number, hi: number, belowAll: number): number {
  if (!(logUp(lo) >= threshold)) return belowAll;
  let rejected = lo;
  let kept = hi;
  const tolerance = RELATIVE_TOLERANCE * Math.max(hi - lo, Number.MIN_VALUE);
  while (kept - rejected > tolerance) {
    const middle = rejected + (kept - rejected) / 2;
    if (middle <= rejected || middle >= kept) break;
    if (logUp(middle) >= threshold) rejected = middle;
    else kept = middle;
  }
  return rejected;
}

/**
 * The upper end of {m : logDown(m) < threshold} for a log-wealth that does not decrease with m, searched in
 * [lo, hi] where logDown(lo) < threshold; `aboveAll` when logDown(hi) < threshold. The mirror of
 * {@link findLowerBound}: it returns the smallest point found that is still rejected.
 */
export function findUpperBound(logDown: LogWealth, threshold: number, lo: number, hi: number, aboveAll: number): number {
  return -findLowerBound((m) => logDown(-m), threshold, -hi, -lo, -aboveAll);
}

/** A betting sequence prepared once and read on any prefix of its values (its bets are predictable). */
export interface BettingLooks {
  /** 2/alpha on the log scale: each one-sided bettor rejects m when its log-wealth reaches it. */
  threshold: number;
  /** ln W after the first n values against m, for the bettor on a centre above m (side 1) or below m (side -1). */
  logWealth(n: number, m: number, side: 1 | -1): number;
  /** The confidence sequence after the first n values. */
  sequenceAt(n: number): ConfidenceSequence;
}
