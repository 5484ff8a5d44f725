// The relevant difference on the share-gap scale: shared by the plan's pre-registration (ledger) and the statistics (reports).

/**
 * The share gap a relevant relative difference `r` makes: A at (1 + r) times B's efficiency has the share
 * (1 + r) / (2 + r) of the pair, so the gap shareA - shareB is r / (2 + r) (r = 0.2: 0.0909). The futility
 * margin and the power calculation use it, so "20% more work per dollar" means the same on every scale the
 * product prints. NaN for r <= -1 or a non-finite r.
 */
export function convertRelativeToGap(relative: number): number {
  if (!(relative > -1 && Number.isFinite(relative))) return Number.NaN;
  return relative / (2 + relative);
}

/** A share gap's interval, cut to the range the gap can take, and whether it was. */
export interface ShareGapInterval {
  low: number;
  high: number;
  cut: boolean;
}

/**
 * Each provider's share of a pair lies in [0, 1], so their gap lies in [-1, 1]; a t interval on few tasks can reach
 * past that (3 tasks: -3.31 to 3.45), which no data could produce. Cut as the efficiency intervals are cut at 0.
 */
export function cutToShareRange(low: number, high: number): ShareGapInterval {
  const cutLow = Math.max(-1, low);
  const cutHigh = Math.min(1, high);
  return { low: cutLow, high: cutHigh, cut: cutLow !== low || cutHigh !== high };
}
