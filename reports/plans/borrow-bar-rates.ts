// A bar with no calibration of its own sized through one that has one: the same use moved both, read at the same instants (pure).
import type { PricedBar } from '../../ledger/schemas/index.js';
import type { BarPoint, BarSeries } from '../bars/bar-types.js';
import type { Spread } from '../headroom/index.js';

/**
 * Each priced bar's tokens per 1%, its own calibration where it has one, else borrowed: tokens per 1% of a calibrated
 * bar times how far that bar moved per 1% of this one, summed over the steps where both were read at the same instant
 * (one status-line or header reading carries both) within one period of each. Without it a 5-hour bar with no
 * calibration was left out of the headroom, and the status line named the weekly bar as binding ("~4.6 sessions to
 * the weekly limit") while the 5-hour one, at 62%, had under a session left. Null where neither can be said.
 */
export function borrowBarRates(
  own: Partial<Record<PricedBar, Spread | null>>,
  series: readonly BarSeries[],
): Partial<Record<PricedBar, Spread | null>> {
  const rates = { ...own };
  const byBar = new Map(series.map((one) => [one.bar as PricedBar, one.points]));
  for (const [bar, points] of byBar) {
    if (rates[bar]) continue;
    for (const [other, rate] of Object.entries(own) as [PricedBar, Spread | null][]) {
      const theirs = byBar.get(other);
      if (!rate || other === bar || !theirs) continue;
      const ratio = measureCoMovement(points, theirs);
      if (ratio === null) continue;
      rates[bar] = {
        estimate: rate.estimate * ratio,
        low: rate.low === null ? null : rate.low * ratio,
        high: rate.high === null ? null : rate.high * ratio,
      };
      break;
    }
  }
  return rates;
}

/** How far `theirs` moved per 1% of `mine` over the steps both were read at, within one period each; null when mine never moved. */
function measureCoMovement(mine: readonly BarPoint[], theirs: readonly BarPoint[]): number | null {
  const at = new Map(theirs.map((point) => [point.at, point]));
  let moved = 0;
  let along = 0;
  let last: { mine: BarPoint; theirs: BarPoint } | null = null;
  for (const point of mine) {
    const match = at.get(point.at);
    if (!match) continue;
    if (last && samePeriod(last.mine, point) && samePeriod(last.theirs, match)) {
      const step = point.used_pct - last.mine.used_pct;
      const theirStep = match.used_pct - last.theirs.used_pct;
      if (step >= 0 && theirStep >= 0) {
        moved += step;
        along += theirStep;
      }
    }
    last = { mine: point, theirs: match };
  }
  return moved > 0 && along > 0 ? along / moved : null;
}

/** A later reading of the same period: the same reset to within two minutes (as calibrate pairs them). */
function samePeriod(earlier: BarPoint, later: BarPoint): boolean {
  if (earlier.resets_at === null || later.resets_at === null) return false;
  return Math.abs(Date.parse(earlier.resets_at) - Date.parse(later.resets_at)) <= 120_000;
}
