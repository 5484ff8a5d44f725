// Which thresholds the bars crossed since they were last alerted: once per bar, threshold and reset period.
import { BAR_PERIOD_MS, type BarName, type BarProjection } from './bar-types.js';

export interface BarAlert {
  provider: string;
  bar: BarName;
  threshold: number;
  /** The bar's last reading. */
  used_pct: number;
  at: string;
  /** The first reading at or above the threshold in this period. */
  crossed_at: string;
  resets_at: string | null;
  limit_at: string | null;
}

/** What was alerted last, per `provider/bar/threshold`: a crossing in a period that began after it is a new one. */
export type AlertMarks = Record<string, { period_start: string; crossed_at: string }>;

/**
 * A crossing is alerted when its bar is live (its last reading is younger than the bar's period and the reset time,
 * if known, has not passed) and no alert was made for the same bar and threshold in the same period: the period the
 * mark was made in started at or before the crossing it recorded, so a period that starts later is a new one (a
 * reading ingested late that moves the start earlier does not re-alert).
 */
export function findBarCrossings(
  projections: readonly BarProjection[],
  now: Date,
  marks: AlertMarks,
): { alerts: BarAlert[]; marks: AlertMarks } {
  const next: AlertMarks = { ...marks };
  const alerts: BarAlert[] = [];
  for (const p of projections) {
    if (p.at === null || p.used_pct === null || p.period_start === null) continue;
    const live =
      now.getTime() - Date.parse(p.at) <= BAR_PERIOD_MS[p.bar] && (p.resets_at === null || Date.parse(p.resets_at) > now.getTime());
    if (!live) continue;
    for (const threshold of p.thresholds) {
      if (threshold.crossed_at === null) continue;
      const key = `${p.provider}/${p.bar}/${threshold.pct}`;
      const mark = next[key];
      if (mark && Date.parse(p.period_start) <= Date.parse(mark.crossed_at)) continue;
      next[key] = { period_start: p.period_start, crossed_at: threshold.crossed_at };
      alerts.push({
        provider: p.provider,
        bar: p.bar,
        threshold: threshold.pct,
        used_pct: p.used_pct,
        at: p.at,
        crossed_at: threshold.crossed_at,
        resets_at: p.resets_at,
        limit_at: p.limit_at,
      });
    }
  }
  return { alerts, marks: next };
}
