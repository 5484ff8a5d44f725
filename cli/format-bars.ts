// Bars as a terminal shows them: short labels, times to a limit, one line per bar (the alert lines and the dashboard share them).
import { BAR_KINDS } from '../ledger/index.js';
import type { BarAlert, BarName, BarProjection } from '../reports/index.js';

export function labelBar(bar: BarName): string {
  return BAR_KINDS[bar].label;
}

/** 45 s, 40 min, 2.5 h, 3.1 d from now; `now` when the instant has passed. */
export function formatTimeUntil(iso: string, now: Date): string {
  const ms = Date.parse(iso) - now.getTime();
  if (ms <= 0) return 'now';
  if (ms < 59_500) return `${Math.max(1, Math.round(ms / 1000))} s`;
  const hours = ms / 3_600_000;
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${hours.toFixed(1)} h`;
  return `${(hours / 24).toFixed(1)} d`;
}

/** An instant as HH:MMZ when it is today (UTC), else as MM-DD HH:MMZ. */
export function formatClock(iso: string, now: Date): string {
  const text = new Date(iso).toISOString();
  return text.slice(0, 10) === now.toISOString().slice(0, 10) ? `${text.slice(11, 16)}Z` : `${text.slice(5, 10)} ${text.slice(11, 16)}Z`;
}

/** `claude 5h 62% (+9.5 %/h [8.9, 10.1]); limit in 4.0 h (3.8-4.3 h), before the reset at 15:00Z` or the reason it is n/a. */
export function describeProjection(p: BarProjection, now: Date): string {
  const head = `${p.provider} ${labelBar(p.bar)} ${p.used_pct === null ? 'n/a' : `${formatPct(p.used_pct)}%`}`;
  const burn =
    p.burn_pct_per_hour === null
      ? ''
      : ` (${p.burn_pct_per_hour >= 0 ? '+' : ''}${p.burn_pct_per_hour.toFixed(1)} %/h${p.burn_low === null || p.burn_high === null ? '' : ` [${p.burn_low.toFixed(1)}, ${p.burn_high.toFixed(1)}]`})`;
  const parts: string[] = [];
  if (p.limit_at !== null && p.used_pct !== null && p.used_pct >= 100) parts.push(`at its limit since ${formatClock(p.limit_at, now)}`);
  else if (p.limit_at !== null && Date.parse(p.limit_at) <= now.getTime())
    parts.push(`limit projected for ${formatClock(p.limit_at, now)}, passed with no reading since`);
  else if (p.limit_at !== null) {
    const early = p.limit_early === null ? '?' : formatTimeUntil(p.limit_early, now);
    const late = p.limit_late === null ? '?' : formatTimeUntil(p.limit_late, now);
    const range = early === late ? '' : ` (${early} to ${late})`;
    parts.push(`limit in ${formatTimeUntil(p.limit_at, now)}${range}`);
  }
  if (p.resets_at !== null) {
    const before = p.limited_before_reset === true ? 'before the reset' : p.limited_before_reset === false ? 'after the reset' : 'reset';
    parts.push(`${p.limit_at === null ? 'resets' : before} at ${formatClock(p.resets_at, now)}`);
  }
  if (p.reason !== null) parts.push(`n/a: ${p.reason}`);
  return `${head}${burn}${parts.length > 0 ? `; ${parts.join(', ')}` : ''}`;
}

/** The line printed for an alert without --on-alert (and in the watch's log when it has one). */
export function describeAlert(alert: BarAlert, now: Date): string {
  const limit = alert.limit_at === null ? '' : `, limit in ${formatTimeUntil(alert.limit_at, now)}`;
  const resets = alert.resets_at === null ? '' : `, resets at ${formatClock(alert.resets_at, now)}`;
  return `alert: ${alert.provider} ${labelBar(alert.bar)} bar at ${formatPct(alert.used_pct)}% crossed ${alert.threshold}% (${alert.crossed_at})${limit}${resets}`;
}

function formatPct(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
