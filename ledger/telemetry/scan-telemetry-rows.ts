// Reads the current proxy-request rows of proxy_telemetry.jsonl (retractions and corrections folded in).
import { existsSync } from 'node:fs';
import { TelemetryRowSchema, type TelemetryRow } from '../schemas/index.js';
import type { StampContext } from '../store/stamp-row.js';
import type { TornTailRepair } from '../store/append-rows.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { locateLedgerFile } from '../store/locate-ledger-file.js';
import { collectDeadIds, type FoldableRow } from '../store/fold-rows.js';
import { scanLedger, type UnreadableLine } from '../store/scan-ledger.js';

export interface TelemetryScan<T = TelemetryRow> {
  /** False when the data directory has no proxy_telemetry.jsonl (nothing was read). */
  present: boolean;
  rows: T[];
  /** proxy-request rows that do not match the row schema (the first ones; `skippedCount` has them all). */
  skipped: UnreadableLine[];
  skippedCount: number;
  unreadable: UnreadableLine[];
  repaired: TornTailRepair | null;
  unrepaired: string | null;
}

const MAX_REPORTED = 100;

/** The keys only a retraction or a correction carries: a line without either cannot take another row out. */
const FOLD_NEEDLES = ['"supersedes"', '"target_id"'];

/**
 * Rows of one agent with `agentId`; a missing file costs one stat, so readers can call this unconditionally.
 * `project` keeps only what a caller reads of each row, as the row is read: the whole file is never held twice.
 */
export function scanTelemetryRows<T = TelemetryRow>(dataDir: string, options: TelemetryScanOptions<T> = {}): TelemetryScan<T> {
  // A writer may append a retraction or a correction between the two passes of a scan, whose target was then kept:
  // such a scan is read again (twice at most; a third still racing is as current as a reader can be).
  for (let attempt = 1; ; attempt += 1) {
    const scan = scanTelemetryOnce(dataDir, options);
    if (!scan.raced || attempt === 3) return scan.result;
    options.fold?.restart();
  }
}

/** agentId: one agent's rows; repairAs: repair a torn tail as this writer; project: what to keep of each row. */
export interface TelemetryScanOptions<T> {
  agentId?: string | undefined;
  repairAs?: StampContext;
  project?: (row: TelemetryRow) => T;
  /** Asked of a live proxy row before its schema check: a row it turns down is neither checked nor kept. */
  keepRow?: (row: Record<string, unknown>) => boolean;
  /** Only lines holding one of these strings are parsed (a loose byte search before `keepRow`; see scanLedger). */
  needles?: string[];
  /**
   * Each kept row is handed to `add` instead of being kept (`rows` stays empty): a caller that folds holds no rows.
   * `restart` is called before a raced scan is read again, so the fold starts over.
   */
  fold?: { add: (row: T) => void; restart: () => void };
}

function scanTelemetryOnce<T>(dataDir: string, options: TelemetryScanOptions<T>): { result: TelemetryScan<T>; raced: boolean } {
  const file = LEDGER_FILES.proxyTelemetry;
  const empty: TelemetryScan<T> = {
    present: false,
    rows: [],
    skipped: [],
    skippedCount: 0,
    unreadable: [],
    repaired: null,
    unrepaired: null,
  };
  // One look for the path (with PostgreSQL, one catch-up of the local copy): both passes below read the same file.
  const path = locateLedgerFile(dataDir, file);
  if (!existsSync(path)) return { result: empty, raced: false };
  // The rows taken out first, from the few lines that can name one (a byte search skips the rest unparsed), so each
  // row is checked and kept as it is read. Holding every raw row until the fold cost a viewer of 300,000 rows ~200 MB.
  const foldRows: FoldableRow[] = [];
  scanLedger(dataDir, file, (row) => foldRows.push(row as unknown as FoldableRow), { needles: FOLD_NEEDLES, match: 'any', path });
  const dead = collectDeadIds(foldRows);
  const result: TelemetryScan<T> = { ...empty, present: true };
  const project = options.project ?? ((row: TelemetryRow) => row as T);
  let raced = false;
  const scan = scanLedger(
    dataDir,
    file,
    (row, lineNo) => {
      const target = row.kind === 'retraction' ? row.target_id : undefined;
      if ((typeof target === 'string' && !dead.has(target)) || (typeof row.supersedes === 'string' && !dead.has(row.supersedes)))
        raced = true;
      if (row.kind !== 'proxy-request' || dead.has(row.id as string)) return;
      if (options.keepRow && !options.keepRow(row)) return;
      const parsed = TelemetryRowSchema.safeParse(row);
      if (!parsed.success) {
        result.skippedCount += 1;
        const issue = parsed.error.issues[0];
        if (result.skipped.length < MAX_REPORTED)
          result.skipped.push({ file, lineNo, reason: `${issue?.path.map(String).join('.') ?? ''}: ${issue?.message ?? 'invalid'}` });
        return;
      }
      if (options.agentId !== undefined && parsed.data.agent_id !== options.agentId) return;
      if (options.fold) options.fold.add(project(parsed.data));
      else result.rows.push(project(parsed.data));
    },
    {
      path,
      ...(options.repairAs ? { repairAs: options.repairAs } : {}),
      ...(options.needles ? { needles: [...options.needles, ...FOLD_NEEDLES], match: 'any' as const } : {}),
    },
  );
  return { result: { ...result, unreadable: scan.unreadable, repaired: scan.repaired, unrepaired: scan.unrepaired }, raced };
}
