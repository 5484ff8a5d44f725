// Writes one buffer to a locked ledger file whole or not at all: a write the disk refuses part-way is taken back.
import { fstatSync, ftruncateSync, writeSync } from 'node:fs';
import { AppError, isAppError } from '../../kernel/index.js';

/** The `kind` of the AppError of a write the disk refused; its details hold `startOffset` and `undone`. */
export const LEDGER_WRITE_REFUSED = 'ledger-write-refused';

/**
 * A refused write. `startOffset` is where its bytes began, so a retry can find rows of it that stayed; `undone` is
 * false when the partial bytes could not be removed (complete rows of the write may then be in the file).
 */
function createWriteRefusal(message: string, where: string, startOffset: number, undone: boolean, cause: unknown): AppError {
  return new AppError('IO', message, { where, cause, kind: LEDGER_WRITE_REFUSED, details: { startOffset, undone } });
}

/** Where a refused write's bytes began, when `error` is one; undefined for anything else. */
export function readRefusedWriteStart(error: unknown): number | undefined {
  return isAppError(error, LEDGER_WRITE_REFUSED) && typeof error.details.startOffset === 'number' ? error.details.startOffset : undefined;
}

/** Error codes of a disk that will not take bytes: full, over quota, read-only, or not ours to write. */
const REFUSING_CODES = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EFBIG']);

/** The errno code of a refusal by the disk, looking through an AppError to its cause; null for anything else. */
export function findDiskRefusal(error: unknown): string | null {
  for (let current = error; current instanceof Error; current = current.cause) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && REFUSING_CODES.has(code)) return code;
  }
  return null;
}

/**
 * Must be called with the file's exclusive lock held (ledger/store/file-lock.ts); `knownSize`, when given, is the
 * file's size read under that lock and not changed since. When a write fails
 * part-way (ENOSPC), the file is cut back to its size before this write. That does not break the
 * append-only rule: the bytes cut are this call's own, written under the lock it still holds, so no
 * other writer appended after them, and the command that wrote them reports failure, never success. A
 * lock-free reader may have seen them, exactly as it may see a row that a crash before fsync then
 * loses (docs/decisions/0001-flock-for-appends.md, "Consequences"); no command acknowledged them.
 */
export function writeWholeOrNothing(fd: number, buffer: Buffer, where: string, knownSize?: number): void {
  // A caller that took the file's size under this same lock passes it: one fstat fewer per append (the proxy's).
  const start = knownSize ?? fstatSync(fd).size;
  let done = 0;
  try {
    while (done < buffer.length) done += writeSync(fd, buffer, done, buffer.length - done);
  } catch (error) {
    throw undoPartialWrite(fd, start, done, buffer.length, error, where);
  }
}

function undoPartialWrite(fd: number, start: number, done: number, total: number, error: unknown, where: string): AppError {
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  try {
    ftruncateSync(fd, start);
  } catch (undoError) {
    const undoCode = (undoError as NodeJS.ErrnoException).code ?? (undoError as Error).message;
    return createWriteRefusal(
      `write refused (${code}) after ${done} of ${total} bytes, and they could not be removed (${undoCode}): complete rows of it may be in the file`,
      where,
      start,
      false,
      error,
    );
  }
  return createWriteRefusal(`write refused (${code}); nothing was added, the file is as it was before`, where, start, true, error);
}
