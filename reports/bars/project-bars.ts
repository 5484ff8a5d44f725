// Projects each bar from its readings: the current period, its burn rate, when it reaches its limit and each threshold.
import { BAR_PERIOD_MS, type BarName, type BarPoint, type BarProjection, type BarSeries } from './bar-types.js';
import { fitBurnRate } from './fit-burn-rate.js';

/**
 * A fall of more than this many points is a reset; less is noise between sources (an endpoint's whole percent after
 * the headers' fraction, a statusLine reading that arrived late). A fall to less than half of a few points (4 to 1.5)
 * is a reset too: at the bottom of the bar a reset cannot fall far.
 */
export const RESET_DROP_PCT = 5;
/** A reset time that moves later by more than this share of the bar's period starts a new period (less is rounding). */
const RESET_SHIFT_SHARE = 0.1;
const HOUR_MS = 3_600_000;
/** The largest instant a Date holds (ECMA-262 21.4.1.1). */
const MAX_DATE_MS = 8.64e15;

/**
 * One projection per series, from its points at or before `now` (so a past instant replays what was known then).
 * The burn is fitted on the current period only; the limit time is the last reading's instant plus (100 - used) / burn,
 * so it stays put between readings; its early and late bounds use the burn interval's high and low ends.
 */
export function projectBars(series: readonly BarSeries[], now: Date, thresholds: readonly number[]): BarProjection[] {
  return series.map((one) => projectBar(one, now.getTime(), thresholds));
}

function projectBar(series: BarSeries, nowMs: number, thresholds: readonly number[]): BarProjection {
  const known = series.points.filter((point) => Date.parse(point.at) <= nowMs);
  const period = findCurrentPeriod(known, series.bar);
  const last = period.at(-1);
  const empty: BarProjection = {
    provider: series.provider,
    bar: series.bar,
    used_pct: null,
    at: null,
    resets_at: null,
    period_start: null,
    n: 0,
    burn_pct_per_hour: null,
    burn_low: null,
    burn_high: null,
    limit_at: null,
    limit_early: null,
    limit_late: null,
    limited_before_reset: null,
    reason: 'no reading yet',
    thresholds: thresholds.map((pct) => ({ pct, crossed_at: null, projected_at: null })),
  };
  if (!last) return empty;
  const resetsAt = findResetsAt(period);
  const lastMs = Date.parse(last.at);
  const base: BarProjection = {
    ...empty,
    used_pct: last.used_pct,
    at: last.at,
    resets_at: resetsAt,
    period_start: period[0]?.at ?? null,
    n: period.length,
    reason: null,
    thresholds: thresholds.map((pct) => ({
      pct,
      crossed_at: period.find((point) => point.used_pct >= pct)?.at ?? null,
      projected_at: null,
    })),
  };
  const age = nowMs - lastMs;
  if (age > BAR_PERIOD_MS[series.bar])
    return {
      ...base,
      reason: `the last reading is ${formatHours(age)} old, older than the bar's ${formatHours(BAR_PERIOD_MS[series.bar])} period`,
    };
  if (resetsAt !== null && Date.parse(resetsAt) <= nowMs)
    return { ...base, reason: `the bar reset at ${resetsAt}, after the last reading` };
  // Hours from the period's first reading: epoch hours (~5e5) would cost the slope six of its digits.
  const startMs = Date.parse(period[0]?.at ?? last.at);
  const fit = fitBurnRate(period.map((point) => ({ hours: (Date.parse(point.at) - startMs) / HOUR_MS, pct: point.used_pct })));
  const reasons = fit.reason === null ? [] : [fit.reason];
  const burn = { ...base, burn_pct_per_hour: fit.slope, burn_low: fit.low, burn_high: fit.high };
  const reach = (pct: number, rate: number | null): string | null =>
    rate !== null && rate > 0 ? toIso(lastMs + ((pct - last.used_pct) / rate) * HOUR_MS) : null;
  const limited = period.find((point) => point.used_pct >= 100);
  if (limited) {
    // At the limit already: it was reached at that reading, whatever the fit says.
    return {
      ...burn,
      limit_at: limited.at,
      limit_early: limited.at,
      limit_late: limited.at,
      limited_before_reset: true,
      reason: joinReasons(reasons),
    };
  }
  if (fit.slope === null || fit.slope <= 0) {
    if (fit.slope !== null) reasons.push(`not rising (burn ${fit.slope.toFixed(2)} %/h): no limit in sight`);
    return { ...burn, reason: joinReasons(reasons) };
  }
  const limitAt = reach(100, fit.slope);
  if (limitAt !== null && Date.parse(limitAt) <= nowMs) {
    // The projection runs from the last reading; once its date has passed with no reading at 100%, the burn or the
    // readings stopped (a run ended), and a limit "in the past" would read as a limit reached.
    reasons.push(
      `the limit projected for ${limitAt} has passed and the last reading (${formatHours(nowMs - lastMs)} ago) is below 100%: the burn or the readings stopped`,
    );
    return { ...burn, reason: joinReasons(reasons) };
  }
  if (limitAt === null) reasons.push('the limit is too far away to date');
  if (fit.low !== null && fit.low <= 0) reasons.push("the burn's interval reaches 0: no latest limit time");
  if (resetsAt === null) reasons.push('reset time unknown');
  return {
    ...burn,
    limit_at: limitAt,
    limit_early: reach(100, fit.high),
    limit_late: reach(100, fit.low),
    limited_before_reset: limitAt !== null && resetsAt !== null ? Date.parse(limitAt) < Date.parse(resetsAt) : null,
    reason: joinReasons(reasons),
    thresholds: base.thresholds.map((threshold) =>
      threshold.crossed_at === null ? { ...threshold, projected_at: reach(threshold.pct, fit.slope) } : threshold,
    ),
  };
}

/**
 * The points since the last reset. A reset: the used percentage falls by more than RESET_DROP_PCT points (or to less
 * than half, by more than 1 point), a reading comes
 * at or after the period's known reset time, or the reset time moves later by more than a tenth of the bar's period.
 */
export function findCurrentPeriod(points: readonly BarPoint[], bar: BarName): BarPoint[] {
  let start = 0;
  let resetsMs: number | null = null;
  for (let i = 0; i < points.length; i += 1) {
    const point = points[i] as BarPoint;
    const previous = points[i - 1];
    const atMs = Date.parse(point.at);
    const pointResets = point.resets_at === null ? null : Date.parse(point.resets_at);
    const reset =
      previous !== undefined &&
      (point.used_pct < previous.used_pct - RESET_DROP_PCT ||
        (point.used_pct < previous.used_pct / 2 && previous.used_pct - point.used_pct > 1) ||
        (resetsMs !== null && atMs >= resetsMs) ||
        (resetsMs !== null && pointResets !== null && pointResets - resetsMs > RESET_SHIFT_SHARE * BAR_PERIOD_MS[bar]));
    if (reset) {
      start = i;
      resetsMs = null;
    }
    if (pointResets !== null) resetsMs = resetsMs === null ? pointResets : Math.max(resetsMs, pointResets);
  }
  return points.slice(start);
}

/** The latest reset time a reading of the period gave. */
function findResetsAt(period: readonly BarPoint[]): string | null {
  for (let i = period.length - 1; i >= 0; i -= 1) {
    const resets = period[i]?.resets_at;
    if (resets) return resets;
  }
  return null;
}

function toIso(ms: number): string | null {
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS ? new Date(ms).toISOString() : null;
}

function joinReasons(reasons: string[]): string | null {
  return reasons.length === 0 ? null : reasons.join('; ');
}

/** 2.5 h, 40 min, 3.0 d: a duration for a reason line. */
export function formatHours(ms: number): string {
  const hours = ms / HOUR_MS;
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${Number(hours.toFixed(1))} h`;
  return `${Number((hours / 24).toFixed(1))} d`;
}
