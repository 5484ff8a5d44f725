// Which period (between two resets) each reading of a bar belongs to, so a chart draws one line per period, none across a reset.

/** A reading as the Bars page charts it. */
export interface ChartPoint {
  at: string;
  used_pct: number;
  resets_at: string | null;
  source: string;
}

/** Two resets this close are one (sources round them differently), as calibrate pairs readings. */
const SAME_RESET_MS = 120_000;
/** Without a reset time, a fall this large between readings is a reset (a bar never goes down within its period). */
const RESET_DROP_PCT = 10;

/**
 * The points in time order, each with `period`: the number of the period it falls in, counted from 0. A new period
 * starts where a reading's reset is another (more than two minutes apart) or, where one has none, where the bar fell
 * by 10 points or more. Charted with `detail: period`, the line breaks at each reset instead of drawing a straight
 * line from a full bar down to the next period's first reading.
 */
export function markBarPeriods<T extends ChartPoint>(points: readonly T[]): (T & { period: number })[] {
  const sorted = [...points].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  let period = 0;
  let reset: number | null = null;
  let previous: T | null = null;
  return sorted.map((point) => {
    const at = point.resets_at === null ? Number.NaN : Date.parse(point.resets_at);
    const moved = Number.isFinite(at) && reset !== null && Math.abs(at - reset) > SAME_RESET_MS;
    const fell = !Number.isFinite(at) && previous !== null && point.used_pct <= previous.used_pct - RESET_DROP_PCT;
    if (moved || fell) period += 1;
    if (Number.isFinite(at)) reset = at;
    previous = point;
    return { ...point, period };
  });
}
