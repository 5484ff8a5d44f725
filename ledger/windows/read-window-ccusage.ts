// ccusage's count of one window: the session or daily entries `tracker ingest ccusage --window W` tied to it.
import { ReadingRowSchema, type ReadingRow } from '../schemas/index.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { collectDeadIds, type FoldableRow } from '../store/fold-rows.js';
import { scanLedger } from '../store/scan-ledger.js';

/**
 * ccusage's session report: each entry is one session's total since it began. The daily report is not used: a day
 * holds other windows' use, so no day's total is one window's count.
 */
const SESSION_REPORT = /(?:^| )session$/;

export interface WindowCcusage {
  total: number;
  /** The sessions counted. */
  sessions: number;
}

/**
 * ccusage's count of the window (countWindowCcusage) from the session readings of `provider` tied to it and the same
 * sessions' earlier readings; null when there are none, or when a session's share cannot be told apart.
 */
export function readWindowCcusage(dataDir: string, provider: string, windowId: string): WindowCcusage | null {
  const rows: (FoldableRow & Record<string, unknown>)[] = [];
  scanLedger(dataDir, LEDGER_FILES.snapshots, (row) => rows.push(row as FoldableRow & Record<string, unknown>), {
    needles: ['"format":"ccusage"'],
  });
  const dead = collectDeadIds(rows);
  const readings: ReadingRow[] = [];
  for (const raw of rows) {
    if (raw.kind !== 'reading' || dead.has(raw.id)) continue;
    const parsed = ReadingRowSchema.safeParse(raw);
    if (parsed.success && parsed.data.provider === provider) readings.push(parsed.data);
  }
  return countWindowCcusage(readings, windowId);
}

/**
 * A session's total is cumulative, so the window's share of it is what it grew by: its latest reading tied to the
 * window, less its latest reading tied to another window and taken before (the report ingested at an earlier window's
 * end). A session with no such reading began after that earlier report, and counts whole. Without any earlier report
 * of the provider's sessions (the first ingest, which lists last week's sessions too) the count is unknown: null.
 * Readings are ordered by when they were ingested (`captured_at`), as the reports were taken. Pure.
 */
export function countWindowCcusage(readings: readonly ReadingRow[], windowId: string): WindowCcusage | null {
  const sessions = readings.filter((one) => one.format === 'ccusage' && one.tokens && one.period && SESSION_REPORT.test(one.period.report));
  const latestTied = new Map<string, ReadingRow>();
  for (const one of sessions) {
    if (one.window_id !== windowId) continue;
    const key = one.period?.key as string;
    const seen = latestTied.get(key);
    if (!seen || Date.parse(one.captured_at) >= Date.parse(seen.captured_at)) latestTied.set(key, one);
  }
  if (latestTied.size === 0) return null;
  const firstTied = Math.min(...[...latestTied.values()].map((one) => Date.parse(one.captured_at)));
  const earlier = sessions.filter((one) => one.window_id !== windowId && Date.parse(one.captured_at) < firstTied);
  if (earlier.length === 0) return null;
  let total = 0;
  for (const [key, latest] of latestTied) {
    const base = earlier.filter((one) => one.period?.key === key).sort((x, y) => Date.parse(y.captured_at) - Date.parse(x.captured_at))[0];
    total += Math.max(0, (latest.tokens?.total ?? 0) - (base?.tokens?.total ?? 0));
  }
  return { total, sessions: latestTied.size };
}
