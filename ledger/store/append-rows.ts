// The only way rows reach a ledger file: one locked, fsync'd append of whole lines (invariants 1 and 8).
import { closeSync, existsSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { AppError } from '../app-error.js';
import { redactRow } from '../redact-secrets.js';
import { stampRow, type StampContext } from '../stamp-row.js';
import { ensureDir, LEDGER_FILES, resolveLedgerPath, type LedgerFile } from './data-dir.js';
import { withExclusiveLock } from './file-lock.js';
import { keepReject } from './keep-reject.js';
import { cutTornTail, findTornTail, type TornTail } from './torn-tail.js';

/** Rows to write, or a function that builds them under the lock (it may read the file and throw to refuse). */
export type RowsOrBuilder<R extends object> = R[] | (() => R[]);

export interface TornTailRepair {
  file: LedgerFile;
  offset: number;
  length: number;
  /** `cut`: a fragment was removed (and kept under rejects/); `terminated`: a whole row got its newline. */
  action: 'cut' | 'terminated';
  keptAt: string | null;
}

/**
 * Appends rows to `file` in the data directory. Under an exclusive flock it first repairs a torn tail
 * left by a killed writer (so a new row is never glued to a fragment), then writes every line with one
 * buffer, then fsyncs. A builder runs under the same lock, so check-then-append is atomic across processes.
 */
export function appendRows<R extends object>(
  dataDir: string,
  file: LedgerFile,
  rows: RowsOrBuilder<R>,
  ctx: StampContext,
): R[] {
  assertLedgerFile(file);
  ensureDir(dataDir);
  const path = resolveLedgerPath(dataDir, file);
  const created = !existsSync(path);
  const fd = openSync(path, 'a+');
  // Set inside the locked callback; a holder object keeps TypeScript from narrowing it to null.
  const state: { repair: TornTailRepair | null; extra: object[] } = { repair: null, extra: [] };
  try {
    const written = withExclusiveLock(fd, () => {
      const torn = findTornTail(fd);
      if (torn) {
        state.repair = mendTail(dataDir, file, fd, torn, ctx);
        if (file === LEDGER_FILES.anomalies) state.extra = [buildTornTailAnomaly(state.repair, ctx)];
      }
      // A builder may refuse (throw); the repair above still stands and is reported below.
      // Invariant 10: whatever a field holds, no secret is written; callers get back what was stored.
      const built = (typeof rows === 'function' ? rows() : rows).map((row) => redactRow(assertStamped(row, file)));
      writeLines(fd, [...state.extra, ...built]);
      state.extra = [];
      return built;
    });
    fsyncSync(fd);
    if (created) fsyncDirectory(dataDir);
    return written;
  } finally {
    if (state.repair) fsyncSync(fd);
    closeSync(fd);
    if (state.repair) reportRepair(dataDir, file, state.repair, state.extra, ctx);
  }
}

/** Records the anomaly of a repair; for anomalies.jsonl itself it was written with the rows unless they were refused. */
function reportRepair(dataDir: string, file: LedgerFile, repair: TornTailRepair, unwritten: object[], ctx: StampContext): void {
  if (file !== LEDGER_FILES.anomalies) appendRows(dataDir, LEDGER_FILES.anomalies, [buildTornTailAnomaly(repair, ctx)], ctx);
  else if (unwritten.length > 0) appendRows(dataDir, LEDGER_FILES.anomalies, unwritten, ctx);
}

/**
 * For readers: repairs when it can. A data directory the user may only read (a read-only mount, no write
 * permission) leaves the tail as it is and says why, instead of failing the read.
 */
export function tryRepairTornTail(dataDir: string, file: LedgerFile, ctx: StampContext): { repaired: TornTailRepair | null; unrepaired: string | null } {
  try {
    return { repaired: repairTornTail(dataDir, file, ctx), unrepaired: null };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return { repaired: null, unrepaired: `${file}: torn last line left as it is (${code})` };
    throw error;
  }
}

/** Under the lock: re-checks the tail and repairs it if it is still torn. Returns what was repaired. */
export function repairTornTail(dataDir: string, file: LedgerFile, ctx: StampContext): TornTailRepair | null {
  let repair: TornTailRepair | null = null;
  const fd = openSync(resolveLedgerPath(dataDir, file), 'a+');
  try {
    withExclusiveLock(fd, () => {
      const torn = findTornTail(fd);
      if (torn) repair = mendTail(dataDir, file, fd, torn, ctx);
    });
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (repair) appendRows(dataDir, LEDGER_FILES.anomalies, [buildTornTailAnomaly(repair, ctx)], ctx);
  return repair;
}

/**
 * A last line that is a whole JSON object and lacks only its newline (appended by hand, say) is ended
 * with one; anything else is a torn fragment: kept under rejects/, then cut. Complete rows are never touched.
 */
function mendTail(dataDir: string, file: LedgerFile, fd: number, torn: TornTail, ctx: StampContext): TornTailRepair {
  if (isWholeObject(torn)) {
    writeAll(fd, Buffer.from('\n'));
    return { file, offset: torn.offset, length: torn.length, action: 'terminated', keptAt: null };
  }
  const keptAt = keepReject(dataDir, {
    command: `repair ${file}`,
    reason: `torn tail of ${file}: ${torn.length} bytes after the last complete row at byte ${torn.offset}`,
    agentId: ctx.agentId,
    input: torn.fragment,
  });
  cutTornTail(fd, torn);
  return { file, offset: torn.offset, length: torn.length, action: 'cut', keptAt };
}

function isWholeObject(torn: TornTail): boolean {
  if (torn.fragment.length !== torn.length) return false;
  try {
    const value: unknown = JSON.parse(torn.fragment.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

function buildTornTailAnomaly(repair: TornTailRepair, ctx: StampContext): object {
  const what =
    repair.action === 'cut'
      ? `removed a torn last line (${repair.length} bytes at byte ${repair.offset}); complete rows untouched`
      : `ended a complete last row that lacked its newline (${repair.length} bytes at byte ${repair.offset}); no byte changed`;
  return stampRow(ctx, 'anomaly', {
    code: 'torn-tail',
    message: `${repair.file}: ${what}`,
    file: repair.file,
    details: { offset: repair.offset, length: repair.length, action: repair.action, kept_at: repair.keptAt },
  });
}

function writeLines(fd: number, rows: object[]): void {
  if (rows.length === 0) return;
  writeAll(fd, Buffer.from(`${rows.map((row) => JSON.stringify(row)).join('\n')}\n`, 'utf8'));
}

function writeAll(fd: number, buffer: Buffer): void {
  let offset = 0;
  while (offset < buffer.length) offset += writeSync(fd, buffer, offset, buffer.length - offset);
}

const KNOWN_FILES = new Set<string>(Object.values(LEDGER_FILES));

/** The library may be called from plain JavaScript: the file must be one of the ledger's, never a path. */
function assertLedgerFile(file: string): asserts file is LedgerFile {
  if (!KNOWN_FILES.has(file)) {
    throw new AppError('BAD_USAGE', `expected one of ${[...KNOWN_FILES].join(', ')}, got ${JSON.stringify(file)}`, { where: 'appendRows file' });
  }
}

const STAMP_FIELDS = ['id', 'kind', 'ts', 'tool_version', 'source', 'agent_id'] as const;

/**
 * Every row carries the stamp of invariant 1; a row without it is refused before anything is written.
 * Checked by hand, not with StampSchema: importing zod costs ~55 ms of startup, and the write path
 * must stay fast for `tracker statusline`, which runs on every prompt.
 */
function assertStamped<R extends object>(row: R, file: LedgerFile): R {
  const fields = row as Record<string, unknown>;
  const missing = STAMP_FIELDS.find((field) => typeof fields[field] !== 'string' || fields[field] === '');
  if (missing === undefined && Number.isInteger(fields.schema_version)) return row;
  throw new AppError('BAD_INPUT', `row is not stamped (${missing ?? 'schema_version'} is missing); build rows with stampRow`, { where: file });
}

/** A new file's name lives in its directory: without this, a power cut can lose a just-created ledger file. */
function fsyncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
