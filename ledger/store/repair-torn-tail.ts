// Repairs a torn last line of a ledger file under its lock, and reports every repair before it changes a byte.
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { stampRow, type StampContext } from './stamp-row.js';
import { LEDGER_FILES, resolveLedgerPath, type LedgerFile } from './data-dir.js';
import { withExclusiveLock } from './file-lock.js';
import { keepReject } from './keep-reject.js';
import { cutTornTail, findTornTail, type TornTail } from './torn-tail.js';
import { findDiskRefusal, writeWholeOrNothing } from './write-whole.js';

export interface TornTailRepair {
  file: LedgerFile;
  offset: number;
  length: number;
  /** `cut`: a fragment was removed (and kept under rejects/); `terminated`: a whole row got its newline. */
  action: 'cut' | 'terminated';
  keptAt: string | null;
}

/** Appends rows to anomalies.jsonl (appendRows; passed in so this module does not import it back). */
export type AppendAnomaly = (row: object) => void;

/**
 * For readers: repairs when it can. A data directory that will not take bytes (read-only, no write
 * permission, full disk) leaves the tail as it is and says why, instead of failing the read.
 */
export function tryRepairTornTail(
  dataDir: string,
  file: LedgerFile,
  ctx: StampContext,
  appendAnomaly: AppendAnomaly,
): { repaired: TornTailRepair | null; unrepaired: string | null } {
  try {
    return { repaired: repairTornTail(dataDir, file, ctx, appendAnomaly), unrepaired: null };
  } catch (error) {
    const code = findDiskRefusal(error);
    if (code) return { repaired: null, unrepaired: `${file}: torn last line left as it is (${code})` };
    throw error;
  }
}

/** Under the lock: re-checks the tail and repairs it if it is still torn. Returns what was repaired. */
export function repairTornTail(dataDir: string, file: LedgerFile, ctx: StampContext, appendAnomaly: AppendAnomaly): TornTailRepair | null {
  const fd = openSync(resolveLedgerPath(dataDir, file), 'a+');
  try {
    const repair = withExclusiveLock(fd, () => {
      const torn = findTornTail(fd);
      return torn ? mendTail(dataDir, file, fd, torn, ctx, appendAnomaly) : null;
    });
    if (repair) fsyncSync(fd);
    return repair;
  } finally {
    closeSync(fd);
  }
}

/**
 * With `fd`'s lock held. A last line that is a whole JSON object and lacks only its newline is ended with
 * one; anything else is a torn fragment: kept under rejects/, then cut. Complete rows are never touched.
 * The anomaly is written (fsync'd) before the byte change, so a repair is never unreported: a writer killed
 * between the two leaves the tail torn, and the next repair reports it again. If the anomaly cannot be
 * written (full disk), nothing is changed and the error goes to the caller. anomalies.jsonl itself cannot
 * take a row before its own tail is mended: there the anomaly is the first line written after the repair.
 */
export function mendTail(
  dataDir: string,
  file: LedgerFile,
  fd: number,
  torn: TornTail,
  ctx: StampContext,
  appendAnomaly: AppendAnomaly,
): TornTailRepair {
  const whole = isWholeObject(torn);
  const keptAt = whole
    ? null
    : keepReject(dataDir, {
        command: `repair ${file}`,
        reason: `torn tail of ${file}: ${torn.length} bytes after the last complete row at byte ${torn.offset}`,
        agentId: ctx.agentId,
        input: torn.fragment,
      });
  const repair: TornTailRepair = { file, offset: torn.offset, length: torn.length, action: whole ? 'terminated' : 'cut', keptAt };
  const anomaly = buildTornTailAnomaly(repair, ctx);
  if (file !== LEDGER_FILES.anomalies) appendAnomaly(anomaly);
  if (whole) writeWholeOrNothing(fd, Buffer.from('\n'), file);
  else cutTornTail(fd, torn);
  if (file === LEDGER_FILES.anomalies) writeWholeOrNothing(fd, Buffer.from(`${JSON.stringify(anomaly)}\n`), file);
  return repair;
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
