// ccusage's count of one window: the session or daily entries `tracker ingest ccusage --window W` tied to it.
import { ReadingRowSchema, type ReadingRow } from '../schemas/index.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { collectDeadIds, type FoldableRow } from '../store/fold-rows.js';
import { scanLedger } from '../store/scan-ledger.js';

/** The reports that count a window's tokens, in order: its session's, else its day's (they repeat each other). */
const WINDOW_REPORTS = ['session', 'daily'] as const;

export interface WindowCcusage {
  total: number;
  /** Which report the total was taken from. */
  report: (typeof WINDOW_REPORTS)[number];
}

/** The ccusage readings of `provider` tied to the window, counted (countWindowCcusage); null when there are none. */
export function readWindowCcusage(dataDir: string, provider: string, windowId: string): WindowCcusage | null {
  const rows: (FoldableRow & Record<string, unknown>)[] = [];
  scanLedger(dataDir, LEDGER_FILES.snapshots, (row) => rows.push(row as FoldableRow & Record<string, unknown>), {
    needles: ['"format":"ccusage"', JSON.stringify(windowId)],
  });
  const dead = collectDeadIds(rows);
  const readings: ReadingRow[] = [];
  for (const raw of rows) {
    if (raw.kind !== 'reading' || dead.has(raw.id)) continue;
    const parsed = ReadingRowSchema.safeParse(raw);
    if (parsed.success && parsed.data.provider === provider && parsed.data.window_id === windowId) readings.push(parsed.data);
  }
  return countWindowCcusage(readings);
}

/**
 * The entries of the first report in WINDOW_REPORTS that has any, each entry (a session, a day) at its latest reading
 * (an entry ingested again after it grew counts once, with its newer totals), added up. Pure.
 */
export function countWindowCcusage(readings: readonly ReadingRow[]): WindowCcusage | null {
  for (const report of WINDOW_REPORTS) {
    const latest = new Map<string, ReadingRow>();
    for (const reading of readings) {
      if (reading.format !== 'ccusage' || !reading.tokens || !reading.period) continue;
      if (!new RegExp(`(?:^| )${report}$`).test(reading.period.report)) continue;
      const seen = latest.get(reading.period.key);
      if (!seen || Date.parse(reading.captured_at) >= Date.parse(seen.captured_at)) latest.set(reading.period.key, reading);
    }
    if (latest.size > 0) return { total: [...latest.values()].reduce((sum, one) => sum + (one.tokens?.total ?? 0), 0), report };
  }
  return null;
}
