// The only way rows reach a ledger file: one locked, whole-or-nothing, fsync'd append of whole lines (invariants 1 and 8).
import { closeSync, existsSync, fstatSync, fsyncSync, openSync } from 'node:fs';
import { AppError } from '../../kernel/index.js';
import { appendBuiltRowsPg, appendRowsPg } from '../pg/append-rows-pg.js';
import { readLedgerUrl } from '../pg/ledger-binding.js';
import { readActiveFence, withLedgerFence } from '../pg/ledger-fence.js';
import type { StampContext } from './stamp-row.js';
import { ensureDataDir, LEDGER_FILES, resolveLedgerPath, type LedgerFile } from './data-dir.js';
import { withExclusiveLock } from './file-lock.js';
import { dropWrittenRows, findWrittenIds } from './find-written-ids.js';
import * as repairs from './repair-torn-tail.js';
import { redactRowCached } from './redact-row-cached.js';
import { findTornTail } from './torn-tail.js';
import { writeWholeOrNothing } from './write-whole.js';

export type { TornTailRepair } from './repair-torn-tail.js';
export { LEDGER_WRITE_REFUSED, readRefusedWriteStart } from './write-whole.js';

/** Rows to write, or a function that builds them under the lock (it may read the file and throw to refuse). */
export type RowsOrBuilder<R extends object> = R[] | (() => R[]);

export interface AppendOptions {
  /**
   * False: the rows are written (in the page cache, visible to readers, safe from a kill of this process)
   * but not fsync'd; the caller syncs later (the proxy batches its fsyncs). Default true.
   */
  fsync?: boolean;
  /**
   * A retry: the `startOffset` of the earlier attempt's refused write (readRefusedWriteStart). Rows whose id is in the file at
   * or after it are not written again, so a retried batch gives each row once.
   */
  retryFrom?: number;
}

/**
 * Appends rows to `file` in the data directory. Under an exclusive flock it first repairs a torn tail
 * left by a killed writer (so a new row is never glued to a fragment), then writes every line with one
 * buffer, whole or not at all, then fsyncs. A builder runs under the same lock, so check-then-append is
 * atomic across processes. Returns the rows as stored (all of them, also those a retry found already there).
 */
export function appendRows<R extends object>(
  dataDir: string,
  file: LedgerFile,
  rows: RowsOrBuilder<R>,
  ctx: StampContext,
  options: AppendOptions = {},
): R[] {
  assertLedgerFile(file);
  const url = readLedgerUrl(dataDir);
  if (url !== null) {
    const append = (): R[] =>
      typeof rows === 'function'
        ? appendRowsPg(url, file, () => prepareRows(rows, file))
        : appendBuiltRowsPg(url, file, prepareRows(rows, file));
    // The writer's own fence (a queue worker's claim on its arm) where no other fence is in force.
    return ctx.fence && readActiveFence() === null ? withLedgerFence(ctx.fence, append) : append();
  }
  const fence = readActiveFence() ?? ctx.fence;
  if (fence) throw new AppError('BAD_USAGE', `${fence.refusal}: a fenced append needs a PostgreSQL ledger`, { where: fence.where });
  ensureDataDir(dataDir);
  const path = resolveLedgerPath(dataDir, file);
  const created = !existsSync(path);
  const fd = openSync(path, 'a+');
  // Set once the rows are in; a holder object keeps TypeScript from narrowing it to false.
  const state = { repaired: false, synced: false };
  try {
    const written = appendLocked(dataDir, file, fd, rows, ctx, options.retryFrom, state);
    if (options.fsync !== false) {
      fsyncSync(fd);
      state.synced = true;
    }
    if (created) fsyncDirectory(dataDir);
    return written;
  } finally {
    // A repair reached disk even when the rows were refused.
    if (state.repaired && !state.synced) fsyncSync(fd);
    closeSync(fd);
  }
}

/** What appendLocked reports back, and (for a descriptor kept open between appends) what it is told. */
export interface LockedAppend {
  /** Set when a torn-tail repair changed the file: the caller fsyncs it, even if the rows were refused. */
  repaired: boolean;
  /**
   * Only for a descriptor kept open (LedgerAppender): in, where its last append ended, or null when unknown;
   * out, where this one ended. A file that is still exactly that long ends with that append's newline (the
   * file never shrinks below a complete row), so its tail need not be read for a tear.
   */
  end?: number | null;
  /** Only for a kept-open descriptor: set, with nothing written, when its file lost its name (deleted, or replaced). */
  unlinked?: boolean;
}

/**
 * The locked part of an append to `fd` (open with 'a+' on `file`): repairs a torn tail, builds and redacts
 * the rows, drops those a retry finds already written, writes the rest as one buffer. Shared by appendRows
 * and LedgerAppender (ledger/store/ledger-appender.ts), which keeps `fd` open between calls.
 */
export function appendLocked<R extends object>(
  dataDir: string,
  file: LedgerFile,
  fd: number,
  rows: RowsOrBuilder<R>,
  ctx: StampContext,
  retryFrom: number | undefined,
  state: LockedAppend,
): R[] {
  const path = resolveLedgerPath(dataDir, file);
  const keptOpen = state.end !== undefined;
  return withExclusiveLock(fd, () => {
    const stat = keptOpen ? fstatSync(fd) : null;
    if (stat && stat.nlink === 0) {
      state.unlinked = true;
      return [];
    }
    const torn = stat && stat.size === state.end ? null : findTornTail(fd);
    if (keptOpen) state.end = null;
    // The repair is reported (anomaly row) before its bytes change; a builder that refuses below leaves it standing.
    if (torn) state.repaired = Boolean(repairs.mendTail(dataDir, file, fd, torn, ctx, appendAnomaly(dataDir, ctx)));
    // Invariant 10: whatever a field holds, no secret is written; callers get back what was stored.
    const built = prepareRows(rows, file);
    const fresh = retryFrom === undefined ? built : dropWrittenRows(built, findWrittenIds(fd, retryFrom));
    if (fresh.length > 0) {
      const buffer = Buffer.from(`${fresh.map((row) => JSON.stringify(row)).join('\n')}\n`, 'utf8');
      // After a repair the size is not known without another fstat: the write takes one, the next append reads the tail.
      writeWholeOrNothing(fd, buffer, path, stat && !torn ? stat.size : undefined);
      if (stat && !torn) state.end = stat.size + buffer.length;
    } else if (stat && !torn) state.end = stat.size;
    return built;
  });
}

/**
 * For readers: repairs when it can. A data directory that will not take bytes (a read-only mount, no write
 * permission, a full disk) leaves the tail as it is and says why, instead of failing the read.
 */
export function tryRepairTornTail(
  dataDir: string,
  file: LedgerFile,
  ctx: StampContext,
): { repaired: repairs.TornTailRepair | null; unrepaired: string | null } {
  return repairs.tryRepairTornTail(dataDir, file, ctx, appendAnomaly(dataDir, ctx));
}

/** Under the lock: re-checks the tail and repairs it if it is still torn (its anomaly written first). Returns what was repaired. */
export function repairTornTail(dataDir: string, file: LedgerFile, ctx: StampContext): repairs.TornTailRepair | null {
  return repairs.repairTornTail(dataDir, file, ctx, appendAnomaly(dataDir, ctx));
}

/** The repair's report goes through the same locked, fsync'd append as any row (lock order: a file, then anomalies.jsonl). */
function appendAnomaly(dataDir: string, ctx: StampContext): repairs.AppendAnomaly {
  return (row) => void appendRows(dataDir, LEDGER_FILES.anomalies, [row], ctx);
}

/** The rows to write, built (a builder runs here, under the lock), checked for their stamp and redacted (invariant 10). */
export function prepareRows<R extends object>(rows: RowsOrBuilder<R>, file: LedgerFile): R[] {
  return (typeof rows === 'function' ? rows() : rows).map((row) => redactRowCached(assertStamped(row, file)));
}

const KNOWN_FILES = new Set<string>(Object.values(LEDGER_FILES));

/** The library may be called from plain JavaScript: the file must be one of the ledger's, never a path. */
export function assertLedgerFile(file: string): asserts file is LedgerFile {
  if (!KNOWN_FILES.has(file)) {
    throw new AppError('BAD_USAGE', `expected one of ${[...KNOWN_FILES].join(', ')}, got ${JSON.stringify(file)}`, {
      where: 'appendRows file',
    });
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
  throw new AppError('BAD_INPUT', `row is not stamped (${missing ?? 'schema_version'} is missing); build rows with stampRow`, {
    where: file,
  });
}

/** A new file's name lives in its directory: without this, a power cut can lose a just-created ledger file. */
export function fsyncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
