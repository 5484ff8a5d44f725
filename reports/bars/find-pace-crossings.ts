// Which bars, at their current burn, run out before their reset: once per bar and reset period, like a threshold.
import type { BarProjection } from './bar-types.js';
import type { AlertMarks } from './find-bar-crossings.js';

export interface PaceAlert {
  provider: string;
  bar: BarProjection['bar'];
  /** The bar's last reading. */
  used_pct: number;
  at: string;
  /** When the fitted burn reaches 100%, before resets_at. */
  limit_at: string;
  resets_at: string;
}

/** Fewer readings than this in the period and the burn is a line through two points: too jumpy to warn on. */
export const PACE_MIN_READINGS = 3;

/**
 * A bar is alerted when its projection has it reach 100% before its reset (limited_before_reset), from at least
 * PACE_MIN_READINGS readings of the current period, while it is still below 100% (at 100% the limit is no forecast)
 * and no pace alert was made in the same period. `wants` picks the bars whose rule asks for the pace alert. Its mark
 * is `provider/bar/pace`, kept beside the thresholds' marks with the same period rule (findBarCrossings).
 */
export function findPaceCrossings(
  projections: readonly BarProjection[],
  marks: AlertMarks,
  wants: (projection: BarProjection) => boolean,
): { alerts: PaceAlert[]; marks: AlertMarks } {
  const next: AlertMarks = { ...marks };
  const alerts: PaceAlert[] = [];
  for (const p of projections) {
    if (p.limited_before_reset !== true || p.limit_at === null || p.resets_at === null) continue;
    if (p.used_pct === null || p.used_pct >= 100 || p.at === null || p.period_start === null || p.n < PACE_MIN_READINGS) continue;
    // A projection is only made for a live bar (project-bars.ts gives no limit to a stale or reset one).
    if (!wants(p)) continue;
    const key = `${p.provider}/${p.bar}/pace`;
    const mark = next[key];
    if (mark && Date.parse(p.period_start) <= Date.parse(mark.crossed_at)) continue;
    next[key] = { period_start: p.period_start, crossed_at: p.at };
    alerts.push({ provider: p.provider, bar: p.bar, used_pct: p.used_pct, at: p.at, limit_at: p.limit_at, resets_at: p.resets_at });
  }
  return { alerts, marks: next };
}
