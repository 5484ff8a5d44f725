// A bar with no calibration of its own sized through one that has one: the same use moved both, read at the same instants (pure).
import jStat from 'jstat';
import { isPricedBar, type PricedBar } from '../../ledger/schemas/index.js';
import type { BarName, BarPoint } from '../bars/bar-types.js';
import type { BarCalibration } from './calibrate-bars.js';
import { RESET_JITTER_MS, parseReset } from './reconcile-bar-points.js';

/** Tokens one percent of a bar bought (calibrate-everyday.ts's TokensPerPercent). */
interface Tokens {
  estimate: number;
  low: number | null;
  high: number | null;
}

/** One bar of an account as calibrated: its readings (reconciled), each source's resolution, its own rates. */
export interface LendingBar {
  bar: BarName;
  points: readonly BarPoint[];
  steps: ReadonlyMap<string, number>;
  per_usd: BarCalibration | null;
  tokens_per_pct: Tokens | null;
  two_series: boolean;
}

export interface BorrowedRate {
  from: PricedBar;
  per_usd: BarCalibration | null;
  tokens_per_pct: Tokens;
}

/** How far the calibrated bar moved per 1% of this one, with its interval from both bars' rounding. */
interface CoMovement {
  ratio: number;
  low: number;
  high: number;
}

/**
 * Each priced bar with no tokens per 1% of its own (and one series), sized through a calibrated bar of the same
 * account: that bar's tokens per 1% times how far it moved per 1% of this one, summed over the steps both were read
 * at the same instant (one status-line or header reading carries both) within one period of each. The ratio is
 * uncertain by both bars' rounding (measureCoMovement); its log half-width and the lender's add in quadrature on
 * each side, as independent errors. A ratio whose interval reaches 0 or no end (a move within the rounding) lends
 * nothing. Without it a 5-hour bar with no calibration was left out of the headroom, and the status line named the
 * weekly bar as binding while the 5-hour one, at 62%, had under a session left.
 */
export function borrowBarRates(bars: readonly LendingBar[], confidence: number): Map<PricedBar, BorrowedRate> {
  const z = jStat.normal.inv(1 - (1 - confidence) / 2, 0, 1);
  const lent = new Map<PricedBar, BorrowedRate>();
  for (const mine of bars) {
    if (!isPricedBar(mine.bar) || mine.tokens_per_pct !== null || mine.two_series) continue;
    for (const theirs of bars) {
      const rate = theirs.tokens_per_pct;
      if (!isPricedBar(theirs.bar) || theirs === mine || rate === null || theirs.two_series) continue;
      const moved = measureCoMovement(mine, theirs, z);
      if (moved === null) continue;
      lent.set(mine.bar, {
        from: theirs.bar,
        tokens_per_pct: scaleTokens(rate, moved),
        // A lender whose price per dollar is 0 (its dollar and token samples differ) lends none: 0 over a ratio is no price.
        per_usd: theirs.per_usd === null || !(theirs.per_usd.pct_per_unit > 0) ? null : scalePerUsd(theirs.per_usd, moved, mine),
      });
      break;
    }
  }
  return lent;
}

/** The lender's tokens per 1% times the ratio: log half-widths in quadrature; an open end stays open. */
function scaleTokens(rate: Tokens, moved: CoMovement): Tokens {
  const estimate = rate.estimate * moved.ratio;
  const down =
    rate.low === null || rate.low <= 0 ? null : Math.hypot(Math.log(rate.estimate / rate.low), Math.log(moved.ratio / moved.low));
  const up = rate.high === null ? null : Math.hypot(Math.log(rate.high / rate.estimate), Math.log(moved.high / moved.ratio));
  return { estimate, low: down === null ? null : estimate * Math.exp(-down), high: up === null ? null : estimate * Math.exp(up) };
}

/** % of this bar per list dollar: the lender's over the ratio, its ends the same way (a lender's low of 0 stays 0). */
function scalePerUsd(rate: BarCalibration, moved: CoMovement, mine: LendingBar): BarCalibration {
  const estimate = rate.pct_per_unit / moved.ratio;
  const down = rate.low > 0 ? Math.hypot(Math.log(rate.pct_per_unit / rate.low), Math.log(moved.high / moved.ratio)) : null;
  const up = Math.hypot(Math.log(rate.high / rate.pct_per_unit), Math.log(moved.ratio / moved.low));
  return {
    ...rate,
    pct_per_unit: estimate,
    low: down === null ? 0 : estimate * Math.exp(-down),
    high: estimate * Math.exp(up),
    n: 0,
    chains: 0,
    moved: 0,
    step: Math.max(...mine.steps.values()),
    // Nothing of this bar was summed: the lender's use would be read as this bar's.
    amount: 0,
  };
}

/**
 * How far `theirs` moved per 1% of `mine`, summed over the steps both were read at one instant within one period of
 * each and neither fell. Over a run of such steps, each starting where the last ended, a bar's moves telescope to
 * its last reading minus its first: off by two reading errors, within the coarser step, variance (s1^2 + s2^2) / 12
 * (calibrate-bars.ts's rule, the same sources). Each bar's summed move is within z x the root of its runs'
 * variances (at most the sum of their steps); the ratio's ends are the most and least the two can give. Null when
 * mine never moved beyond its rounding, or theirs never moved beyond its own.
 */
function measureCoMovement(mine: LendingBar, theirs: LendingBar, z: number): CoMovement | null {
  const at = new Map(theirs.points.map((point) => [point.at, point]));
  const sums = { moved: 0, along: 0 };
  const errors = { mine: { hard: 0, variance: 0 }, theirs: { hard: 0, variance: 0 } };
  let last: { mine: BarPoint; theirs: BarPoint; counted: boolean } | null = null;
  const addRun = (error: { hard: number; variance: number }, first: number, end: number) => {
    error.hard += Math.max(first, end);
    error.variance += (first * first + end * end) / 12;
  };
  let run: { mine: BarPoint; theirs: BarPoint } | null = null;
  const closeRun = (ends: { mine: BarPoint; theirs: BarPoint } | null) => {
    if (run === null || ends === null) return;
    addRun(errors.mine, stepOf(mine, run.mine), stepOf(mine, ends.mine));
    addRun(errors.theirs, stepOf(theirs, run.theirs), stepOf(theirs, ends.theirs));
    run = null;
  };
  for (const point of mine.points) {
    const match = at.get(point.at);
    if (!match) continue;
    const counted: boolean =
      last !== null &&
      isSamePeriod(last.mine, point) &&
      isSamePeriod(last.theirs, match) &&
      point.used_pct >= last.mine.used_pct &&
      match.used_pct >= last.theirs.used_pct;
    if (counted && last !== null) {
      if (!last.counted) run = { mine: last.mine, theirs: last.theirs };
      sums.moved += point.used_pct - last.mine.used_pct;
      sums.along += match.used_pct - last.theirs.used_pct;
    } else if (last?.counted) closeRun({ mine: last.mine, theirs: last.theirs });
    last = { mine: point, theirs: match, counted };
  }
  if (last?.counted) closeRun({ mine: last.mine, theirs: last.theirs });
  const spread = (error: { hard: number; variance: number }) => Math.min(error.hard, z * Math.sqrt(error.variance));
  const [mineError, theirError] = [spread(errors.mine), spread(errors.theirs)];
  if (!(sums.moved - mineError > 0) || !(sums.along - theirError > 0)) return null;
  return {
    ratio: sums.along / sums.moved,
    low: (sums.along - theirError) / (sums.moved + mineError),
    high: (sums.along + theirError) / (sums.moved - mineError),
  };
}

function stepOf(bar: LendingBar, point: BarPoint): number {
  return bar.steps.get(point.source) ?? 0;
}

/** A later reading of the same period: the same reset to within the sources' jitter (as calibrate pairs them). */
function isSamePeriod(earlier: BarPoint, later: BarPoint): boolean {
  const [a, b] = [parseReset(earlier.resets_at), parseReset(later.resets_at)];
  if (a === null || b === null) return false;
  return Math.abs(a - b) <= RESET_JITTER_MS && Date.parse(later.at) < a;
}
