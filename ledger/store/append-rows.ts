// The only way rows reach a ledger file: one locked, fsync'd append of whole lines (invariants 1 and 8).
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { redactRow } from '../redact-secrets.js';
import { stampRow, type StampContext } from '../stamp-row.js';
import { ensureDir, LEDGER_FILES, ledgerPath, type LedgerFile } from './data-dir.js';
import { withExclusiveLock } from './file-lock.js';
import { keepReject } from './keep-reject.js';
import { cutTornTail, findTornTail, type TornTail } from './torn-tail.js';

/** Rows to write, or a function that builds them under the lock (it may read the file and throw to refuse). */
export type RowsOrBuilder<R extends object> = R[] | (() => R[]);

export interface TornTailRepair {
  file: LedgerFile;
  offset: number;
  length: number;
  keptAt: string;
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
  ensureDir(dataDir);
  const fd = openSync(ledgerPath(dataDir, file), 'a+');
  // Set inside the locked callback; a holder object keeps TypeScript from narrowing it to null.
  const state: { repair: TornTailRepair | null; extra: object[] } = { repair: null, extra: [] };
  try {
    const written = withExclusiveLock(fd, () => {
      const torn = findTornTail(fd);
      if (torn) {
        state.repair = cutAndKeep(dataDir, file, fd, torn, ctx);
        if (file === LEDGER_FILES.anomalies) state.extra = [buildTornTailAnomaly(state.repair, ctx)];
      }
      // A builder may refuse (throw); the repair above still stands and is reported below.
      // Invariant 10: whatever a field holds, no secret is written; callers get back what was stored.
      const built = (typeof rows === 'function' ? rows() : rows).map((row) => redactRow(row));
      writeLines(fd, [...state.extra, ...built]);
      state.extra = [];
      return built;
    });
    fsyncSync(fd);
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

/** Under the lock: re-checks the tail and repairs it if it is still torn. Returns what was repaired. */
export function repairTornTail(dataDir: string, file: LedgerFile, ctx: StampContext): TornTailRepair | null {
  let repair: TornTailRepair | null = null;
  const fd = openSync(ledgerPath(dataDir, file), 'a+');
  try {
    withExclusiveLock(fd, () => {
      const torn = findTornTail(fd);
      if (torn) repair = cutAndKeep(dataDir, file, fd, torn, ctx);
    });
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (repair) appendRows(dataDir, LEDGER_FILES.anomalies, [buildTornTailAnomaly(repair, ctx)], ctx);
  return repair;
}

function cutAndKeep(dataDir: string, file: LedgerFile, fd: number, torn: TornTail, ctx: StampContext): TornTailRepair {
  const keptAt = keepReject(dataDir, {
    command: `repair ${file}`,
    reason: `torn tail of ${file}: ${torn.length} bytes after the last complete row at byte ${torn.offset}`,
    agentId: ctx.agentId,
    input: torn.fragment,
  });
  cutTornTail(fd, torn);
  return { file, offset: torn.offset, length: torn.length, keptAt };
}

function buildTornTailAnomaly(repair: TornTailRepair, ctx: StampContext): object {
  return stampRow(ctx, 'anomaly', {
    code: 'torn-tail',
    message: `${repair.file}: removed a torn last line (${repair.length} bytes at byte ${repair.offset}); complete rows untouched`,
    file: repair.file,
    details: { offset: repair.offset, length: repair.length, kept_at: repair.keptAt },
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
