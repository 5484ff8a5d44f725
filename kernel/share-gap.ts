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
