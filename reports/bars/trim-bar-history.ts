// Keeps the recent readings of each bar for display: the projection needs only the current period, and a chart of
// 100,000 readings is neither readable nor cheap (48 MB of JSON for four bars of a 100,000-window ledger).
import type { BarSeries } from './bar-types.js';

/** Long enough for the weekly bar's whole current period (7 days) and the day before it. */
export const BAR_HISTORY_MS = 8 * 86_400_000;

/** Each series' points from `historyMs` before its last reading on; what was left out is counted in `earlier`. */
export function trimBarHistory(series: readonly BarSeries[], historyMs = BAR_HISTORY_MS): BarSeries[] {
  return series.map((one) => {
    const last = one.points.at(-1);
    if (!last) return one;
    const from = Date.parse(last.at) - historyMs;
    const keepFrom = one.points.findIndex((point) => Date.parse(point.at) >= from);
    const first = one.points[0];
    if (keepFrom <= 0 || !first) return one;
    const before = one.earlier?.points ?? 0;
    return {
      ...one,
      points: one.points.slice(keepFrom),
      earlier: { points: before + keepFrom, first_at: one.earlier?.first_at ?? first.at },
    };
  });
}
