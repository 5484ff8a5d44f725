// Keeps the recent readings of each bar for display: the projection needs only the current period, and a chart of
// 100,000 readings is neither readable nor cheap (48 MB of JSON for four bars of a 100,000-window ledger).
import type { BarSeries } from './bar-types.js';
import { findCurrentPeriod } from './project-bars.js';

/** Long enough for the weekly bar's whole current period (7 days) and the day before it. */
export const BAR_HISTORY_MS = 8 * 86_400_000;

/**
 * Each series' points from `historyMs` before its last reading at or before `nowMs` on (a reading stamped in the
 * future by a skewed clock does not move the cut), and never into its current period, however long that period ran;
 * what was left out is counted in `earlier`.
 */
export function trimBarHistory(series: readonly BarSeries[], nowMs: number, historyMs = BAR_HISTORY_MS): BarSeries[] {
  return series.map((one) => {
    const known = one.points.filter((point) => Date.parse(point.at) <= nowMs);
    const anchor = known.at(-1);
    const first = one.points[0];
    if (!anchor || !first) return one;
    const periodStart = findCurrentPeriod(known, one.bar)[0]?.at ?? anchor.at;
    const from = Math.min(Date.parse(anchor.at) - historyMs, Date.parse(periodStart));
    const keepFrom = one.points.findIndex((point) => Date.parse(point.at) >= from);
    if (keepFrom <= 0) return one;
    const before = one.earlier?.points ?? 0;
    return {
      ...one,
      points: one.points.slice(keepFrom),
      earlier: { points: before + keepFrom, first_at: one.earlier?.first_at ?? first.at },
    };
  });
}
