// Gathers every bar reading the ledger holds (captures, readings, proxy headers) into one time-ordered series per provider and bar.
import type { Bar, BarInputs, Bars } from '../../ledger/index.js';
import { BAR_NAMES, type BarName, type BarPoint, type BarSeries } from './bar-types.js';

/** Readings of one value this close in time, from several sources, are one observation (the proxy's row and its header reading). */
export const SAME_INSTANT_MS = 60_000;

/** The proxy's preset back ends record their bars under these providers (proxy/config/presets.ts); others are named after one. */
const BACKEND_PROVIDERS: Record<string, string> = { anthropic: 'claude', openai: 'codex' };

/** Reading formats renamed for display; any other format is its own source name. */
const READING_SOURCES: Record<string, string> = { 'claude-statusline': 'statusline', 'codex-rollout': 'rollout' };

/** When two sources read the same value at the same instant, the first of these is kept (exact endpoints before screens). */
function rankSource(source: string): number {
  if (source.startsWith('quota-')) return 0;
  if (source === 'proxy-headers') return 1;
  if (source === 'statusline') return 2;
  if (source === 'rollout') return 3;
  return 4;
}

/** Every series with at least one point, by provider then bar (five_hour, weekly, weekly_sonnet). */
export function collectBarSeries(input: BarInputs): BarSeries[] {
  const byKey = new Map<string, { provider: string; bar: BarName; points: BarPoint[] }>();
  const add = (provider: string, at: string, bars: Bars | null | undefined, source: string): void => {
    if (!bars || !Number.isFinite(Date.parse(at))) return;
    for (const bar of BAR_NAMES) {
      const reading: Bar | undefined = bars[bar];
      if (!reading || !Number.isFinite(reading.used_pct)) continue;
      const key = `${provider}\u0000${bar}`;
      const series = byKey.get(key) ?? { provider, bar, points: [] };
      const resets = reading.resets_at !== null && Number.isFinite(Date.parse(reading.resets_at)) ? reading.resets_at : null;
      series.points.push({ at: new Date(at).toISOString(), used_pct: reading.used_pct, resets_at: resets, source });
      byKey.set(key, series);
    }
  };
  for (const row of input.snapshots) add(row.provider, row.captured_at, row.bars, `snapshot:${row.format}`);
  for (const row of input.readings) add(row.provider, row.captured_at, row.bars, READING_SOURCES[row.format] ?? row.format);
  for (const row of input.telemetry) {
    add(BACKEND_PROVIDERS[row.backend_provider] ?? row.backend_provider, row.timestamp, row.rate_limits, 'proxy-headers');
  }
  const order = (bar: BarName): number => BAR_NAMES.indexOf(bar);
  return [...byKey.values()]
    .map((series) => ({ ...series, points: dedupePoints(series.points) }))
    .sort((a, b) => (a.provider === b.provider ? order(a.bar) - order(b.bar) : a.provider < b.provider ? -1 : 1));
}

/** Time order; a point equal in value and reset to one kept less than SAME_INSTANT_MS before it is the same observation. */
function dedupePoints(points: BarPoint[]): BarPoint[] {
  const sorted = points
    .map((point) => ({ point, ms: Date.parse(point.at) }))
    .sort((a, b) => a.ms - b.ms || rankSource(a.point.source) - rankSource(b.point.source));
  const kept: { point: BarPoint; ms: number }[] = [];
  for (const entry of sorted) {
    let same = false;
    for (let i = kept.length - 1; i >= 0; i -= 1) {
      const earlier = kept[i] as { point: BarPoint; ms: number };
      if (entry.ms - earlier.ms >= SAME_INSTANT_MS) break;
      if (isSameReading(earlier.point, entry.point)) {
        // The kept point takes the reset time the other source knew.
        if (earlier.point.resets_at === null) earlier.point = { ...earlier.point, resets_at: entry.point.resets_at };
        same = true;
        break;
      }
    }
    if (!same) kept.push(entry);
  }
  return kept.map((entry) => entry.point);
}

/** Same used percentage, and resets that agree to within a minute (sources round them differently) or one source did not say. */
function isSameReading(a: BarPoint, b: BarPoint): boolean {
  if (Math.abs(a.used_pct - b.used_pct) > 1e-9) return false;
  if (a.resets_at === null || b.resets_at === null) return true;
  return Math.abs(Date.parse(a.resets_at) - Date.parse(b.resets_at)) < SAME_INSTANT_MS;
}
