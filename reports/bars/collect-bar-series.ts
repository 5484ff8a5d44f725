// Gathers every bar reading the ledger holds (captures, readings, proxy headers) into one time-ordered series per provider and bar.
import type { Bar, BarInputs, BarObservation, Bars, BarTelemetry } from '../../ledger/index.js';
import { nameBackendProvider } from '../name-backend-provider.js';
import { createAccountLabeler, keyAccount } from '../usage/account-keys.js';
import { BAR_NAMES, type BarName, type BarPoint, type BarSeries } from './bar-types.js';

/** Readings of one value this close in time, from several sources, are one observation (the proxy's row and its header reading). */
export const SAME_INSTANT_MS = 60_000;

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

/** A point with its instants parsed once (a ledger of a million proxy rows is parsed here, not in every comparison). */
interface Entry {
  point: BarPoint;
  ms: number;
  resetsMs: number | null;
}

/** An ISO instant in the form toISOString writes, which needs no rewriting. */
const CANONICAL = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** Every series with at least one point, by provider then bar (five_hour, weekly, weekly_sonnet). */
export function collectBarSeries(input: BarInputs, label?: (key: string) => string): BarSeries[] {
  const collector = createBarSeriesCollector();
  for (const row of input.snapshots) collector.snapshot(row);
  for (const row of input.readings) collector.reading(row);
  for (const row of input.telemetry) collector.telemetry(row);
  return collector.finish(label);
}

/** The provider and account key of every row the bars read (what createAccountLabeler counts accounts in). */
export function listBarKeys(input: BarInputs): string[] {
  const keys = new Set<string>();
  for (const row of [...input.snapshots, ...input.readings]) keys.add(keyAccount(row.provider, row.account));
  for (const row of input.telemetry) keys.add(keyAccount(nameBackendProvider(row.backend_provider), row.account));
  return [...keys];
}

/**
 * collectBarSeries one row at a time, for a reader that hands rows over as it reads them instead of holding them
 * (a viewer's 200,000 captures were 84 MB of heap, and their points were made while they were held). Snapshots, readings and proxy rows may
 * come in any interleaving: each series keeps them apart and joins them in that order, as collectBarSeries does.
 */
export interface BarSeriesCollector {
  snapshot(row: BarObservation): void;
  reading(row: BarObservation): void;
  telemetry(row: BarTelemetry): void;
  /** Forgets every row added (a reader reading the rows again). */
  restart(): void;
  /** The series, each under `label` of its provider and account key (default: createAccountLabeler over these rows). */
  finish(label?: (key: string) => string): BarSeries[];
}

export function createBarSeriesCollector(): BarSeriesCollector {
  let byKey = new Map<string, { provider: string; bar: BarName; entries: [Entry[], Entry[], Entry[]] }>();
  const resetCache = new Map<string, number>();
  const parseReset = (text: string): number => {
    let ms = resetCache.get(text);
    if (ms === undefined) {
      ms = Date.parse(text);
      resetCache.set(text, ms);
    }
    return ms;
  };
  const add = (kind: 0 | 1 | 2, provider: string, at: string, bars: Bars | null | undefined, source: string, machine?: string): void => {
    const ms = bars ? Date.parse(at) : Number.NaN;
    if (!bars || !Number.isFinite(ms)) return;
    const iso = CANONICAL.test(at) ? at : new Date(ms).toISOString();
    for (const bar of BAR_NAMES) {
      const reading: Bar | undefined = bars[bar];
      if (!reading || !Number.isFinite(reading.used_pct)) continue;
      const key = `${provider}\u0000${bar}`;
      const series = byKey.get(key) ?? { provider, bar, entries: [[], [], []] };
      const resetsMs = reading.resets_at === null ? Number.NaN : parseReset(reading.resets_at);
      const known = Number.isFinite(resetsMs);
      series.entries[kind].push({
        point: {
          at: iso,
          used_pct: reading.used_pct,
          resets_at: known ? reading.resets_at : null,
          source,
          ...(machine ? { machine } : {}),
        },
        ms,
        resetsMs: known ? resetsMs : null,
      });
      byKey.set(key, series);
    }
  };
  const order = (bar: BarName): number => BAR_NAMES.indexOf(bar);
  return {
    snapshot: (row) => add(0, keyAccount(row.provider, row.account), row.captured_at, row.bars, `snapshot:${row.format}`),
    reading: (row) =>
      add(1, keyAccount(row.provider, row.account), row.captured_at, row.bars, READING_SOURCES[row.format] ?? row.format, row.machine),
    telemetry: (row) =>
      add(2, keyAccount(nameBackendProvider(row.backend_provider), row.account), row.timestamp, row.rate_limits, 'proxy-headers'),
    restart: () => {
      byKey = new Map();
    },
    finish: (label) => {
      // Each provider's accounts joined or kept apart (account-keys.ts), by the caller's labels or by these rows' own.
      const name = label ?? createAccountLabeler([...byKey.values()].map((series) => series.provider));
      const joined = new Map<string, { provider: string; bar: BarName; entries: Entry[][] }>();
      for (const series of byKey.values()) {
        const provider = name(series.provider);
        const key = `${provider}\u0000${series.bar}`;
        const held = joined.get(key);
        if (held) held.entries.push(...series.entries);
        else joined.set(key, { provider, bar: series.bar, entries: [...series.entries] });
      }
      return [...joined.values()]
        .map(({ provider, bar, entries }) => ({ provider, bar, points: dedupeEntries(entries.flat()) }))
        .sort((a, b) => (a.provider === b.provider ? order(a.bar) - order(b.bar) : a.provider < b.provider ? -1 : 1));
    },
  };
}

/** Time order; a point equal in value and reset to one kept less than SAME_INSTANT_MS before it is the same observation. */
function dedupeEntries(entries: Entry[]): BarPoint[] {
  entries.sort((a, b) => a.ms - b.ms || rankSource(a.point.source) - rankSource(b.point.source));
  const kept: Entry[] = [];
  for (const entry of entries) {
    let same = false;
    for (let i = kept.length - 1; i >= 0; i -= 1) {
      const earlier = kept[i] as Entry;
      if (entry.ms - earlier.ms >= SAME_INSTANT_MS) break;
      if (isSameReading(earlier, entry)) {
        // The kept point takes the reset time the other source knew.
        if (earlier.resetsMs === null && entry.resetsMs !== null) {
          earlier.point = { ...earlier.point, resets_at: entry.point.resets_at };
          earlier.resetsMs = entry.resetsMs;
        }
        same = true;
        break;
      }
    }
    if (!same) kept.push(entry);
  }
  return kept.map((entry) => entry.point);
}

/** Same used percentage, and resets that agree to within a minute (sources round them differently) or one source did not say. */
function isSameReading(a: Entry, b: Entry): boolean {
  if (Math.abs(a.point.used_pct - b.point.used_pct) > 1e-9) return false;
  if (a.resetsMs === null || b.resetsMs === null) return true;
  return Math.abs(a.resetsMs - b.resetsMs) < SAME_INSTANT_MS;
}
