// Reads a ledger file row by row: parses each line, collects unreadable ones, repairs a torn tail.
import type { StampContext } from './stamp-row.js';
import { tryRepairTornTail, type TornTailRepair } from './append-rows.js';
import type { LedgerFile } from './data-dir.js';
import { locateLedgerFile } from './locate-ledger-file.js';
import { readLines } from './read-lines.js';
import { migrateRow } from '../schemas/migrate-row.js';

export interface UnreadableLine {
  file: LedgerFile;
  lineNo: number;
  reason: string;
}

export interface ScanResult {
  lines: number;
  /** Offset just after the last complete line: where a later scan can resume (ScanOptions.from). */
  end: number;
  unreadable: UnreadableLine[];
  /** Bytes after the last newline when the scan ended (a torn row, or one being written), if any. */
  tail: { offset: number; length: number } | null;
  repaired: TornTailRepair | null;
  /** Why a torn tail could not be repaired (a read-only data directory, say); the scan still succeeded. */
  unrepaired: string | null;
}

export interface ScanOptions {
  /** Only rows whose raw line contains these strings are parsed and visited. */
  needles?: string[];
  /** With needles: must a line contain all of them (default) or any one? */
  match?: 'all' | 'any';
  /** Who repairs a torn tail, if one is found; without it the tail is only reported. */
  repairAs?: StampContext;
  /** The path to read, already located (locateLedgerFile): a PostgreSQL copy is then not refreshed twice. */
  path?: string;
  /** Resume at a line start whose line number is `lineNo + 1` (a capture checkpoint), instead of at the top. */
  from?: { offset: number; lineNo: number };
}

const MAX_REPORTED_UNREADABLE = 100;

/**
 * Visits every parseable row of `file`. A line after the last newline may be a row still being written:
 * the repair takes the file lock (waiting for any writer), looks again and cuts only a tail that is still torn.
 * Do not call with `repairAs` from inside an `appendRows` builder: the lock is already held there.
 */
export function scanLedger(
  dataDir: string,
  file: LedgerFile,
  visit: (row: Record<string, unknown>, lineNo: number) => void,
  options: ScanOptions = {},
): ScanResult {
  const unreadable: UnreadableLine[] = [];
  const needles = options.needles ?? [];
  const read = readLines(
    options.path ?? locateLedgerFile(dataDir, file),
    ({ text, lineNo }) => {
      let row: unknown;
      try {
        row = JSON.parse(text);
      } catch (error) {
        if (unreadable.length < MAX_REPORTED_UNREADABLE) unreadable.push({ file, lineNo, reason: (error as Error).message });
        return;
      }
      if (typeof row !== 'object' || row === null || Array.isArray(row)) {
        if (unreadable.length < MAX_REPORTED_UNREADABLE) unreadable.push({ file, lineNo, reason: 'not a JSON object' });
        return;
      }
      // Rows of an older schema version are read as the current one; a newer one is reported, never guessed at.
      const migrated = migrateRow(row as Record<string, unknown>);
      if ('refused' in migrated) {
        if (unreadable.length < MAX_REPORTED_UNREADABLE) unreadable.push({ file, lineNo, reason: migrated.refused });
        return;
      }
      row = migrated.row;
      visit(row as Record<string, unknown>, lineNo);
    },
    {
      ...(needles.length > 0 ? { needles, match: options.match ?? 'all' } : {}),
      ...(options.from ? { from: options.from } : {}),
    },
  );
  const attempt = read.tail && options.repairAs ? tryRepairTornTail(dataDir, file, options.repairAs) : { repaired: null, unrepaired: null };
  return { lines: read.lines, end: read.end, unreadable, tail: read.tail, ...attempt };
}
