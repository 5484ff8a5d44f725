// The proxy's bar reading that opens or closes a window: its first or last response tagged with the window.
import { ReadingRowSchema, type ReadingRow } from '../schemas/index.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { collectDeadIds, type FoldableRow } from '../store/fold-rows.js';
import { scanLedger } from '../store/scan-ledger.js';

export interface WindowReadingQuery {
  provider: string;
  /** The reading format (the proxy writes `proxy-headers`). */
  format: string;
  windowId: string | null;
  /** `first` for a window's before, `last` for its after. */
  pick: 'first' | 'last';
  /** Readings after this instant (ms) are not considered. */
  notAfter: number;
  /** Only readings tagged with the window: no stand-in from untagged traffic. */
  taggedOnly?: boolean;
}

/**
 * Readings the proxy tagged with the window win; without any, the provider's latest reading in that
 * format stands in (traffic that carried no x-tracker-window header still moved the same bars).
 */
export function findWindowReading(dataDir: string, query: WindowReadingQuery): ReadingRow | null {
  const rows: (FoldableRow & Record<string, unknown>)[] = [];
  scanLedger(dataDir, LEDGER_FILES.snapshots, (row) => rows.push(row as FoldableRow & Record<string, unknown>), {
    needles: ['"kind":"reading"', JSON.stringify(query.format)],
  });
  const dead = collectDeadIds(rows);
  const readings: ReadingRow[] = [];
  for (const raw of rows) {
    if (raw.kind !== 'reading' || dead.has(raw.id)) continue;
    const parsed = ReadingRowSchema.safeParse(raw);
    if (!parsed.success) continue;
    const reading = parsed.data;
    if (reading.provider !== query.provider || reading.format !== query.format || Date.parse(reading.captured_at) > query.notAfter)
      continue;
    readings.push(reading);
  }
  readings.sort((a, b) => Date.parse(a.captured_at) - Date.parse(b.captured_at));
  const tagged = query.windowId === null ? [] : readings.filter((reading) => reading.window_id === query.windowId);
  if (tagged.length > 0) return (query.pick === 'first' ? tagged[0] : tagged.at(-1)) ?? null;
  return query.taggedOnly ? null : (readings.at(-1) ?? null);
}
