// The latest reading of a provider taken in a time range: what automation captures a window end from.
import { ReadingRowSchema, type ReadingRow } from '../schemas/index.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { collectDeadIds, type FoldableRow } from '../store/fold-rows.js';
import { scanLedger } from '../store/scan-ledger.js';

/**
 * Formats whose tokens are one request's, not a counter that a window's before and after can be subtracted from: a
 * Gemini CLI answer (`tracker ingest gemini-session`). A window of such a provider is counted by the proxy or the usage
 * tables, never from two of these.
 */
const PER_REQUEST_FORMATS: ReadonlySet<string> = new Set(['gemini-session']);

/** Prefers readings with a 5h bar (statusline, rollouts) over token-only ones (ccusage), then the latest. */
export function findLatestReading(dataDir: string, provider: string, from: number, to: number): ReadingRow | null {
  const rows: (FoldableRow & Record<string, unknown>)[] = [];
  scanLedger(dataDir, LEDGER_FILES.snapshots, (row) => rows.push(row as FoldableRow & Record<string, unknown>), {
    needles: ['"kind":"reading"', JSON.stringify(provider)],
  });
  const dead = collectDeadIds(rows);
  let best: ReadingRow | null = null;
  const rank = (row: ReadingRow): [number, number] => [row.bars.five_hour ? 1 : 0, Date.parse(row.captured_at)];
  for (const raw of rows) {
    if (raw.kind !== 'reading' || dead.has(raw.id)) continue;
    const parsed = ReadingRowSchema.safeParse(raw);
    if (!parsed.success || parsed.data.provider !== provider || PER_REQUEST_FORMATS.has(parsed.data.format)) continue;
    const at = Date.parse(parsed.data.captured_at);
    if (at < from || at > to || (!parsed.data.bars.five_hour && !parsed.data.tokens)) continue;
    const [bars, when] = rank(parsed.data);
    if (!best || bars > rank(best)[0] || (bars === rank(best)[0] && when > rank(best)[1])) best = parsed.data;
  }
  return best;
}
