// A lock file opened for flock without ever waiting: only a regular file, never a FIFO (whose open waits for a reader).
import { closeSync, constants, fstatSync, openSync, statSync } from 'node:fs';
import { AppError } from '../../kernel/index.js';

/** Created when missing (owner-only), and never waiting on a FIFO for a reader. */
const LOCK_OPEN = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NONBLOCK;

/**
 * The lock file, opened without waiting (a FIFO there blocked the open until a reader came) and only when it is a
 * regular file (a device's open may act on its own): else an AppError naming it.
 */
export function openLockFile(lockFile: string): number {
  const refuse = (what: string) =>
    new AppError('BAD_INPUT', `is not a regular file (a lock file is one; this is ${what})`, { where: lockFile });
  const kind = describeKind(lockFile);
  if (kind !== null) throw refuse(kind);
  let fd: number;
  try {
    fd = openSync(lockFile, LOCK_OPEN, 0o600);
  } catch (error) {
    // ENXIO: a FIFO put there since the look, with no reader.
    if ((error as NodeJS.ErrnoException).code === 'ENXIO') throw refuse('a FIFO');
    throw error;
  }
  if (!fstatSync(fd).isFile()) {
    closeSync(fd);
    throw refuse('not a file');
  }
  return fd;
}

/** What the path is when it is there and no regular file (a link is followed); null when it is one, or missing. */
function describeKind(path: string): string | null {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch {
    return null;
  }
  if (stat.isFile()) return null;
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isDirectory()) return 'a folder';
  return stat.isCharacterDevice() || stat.isBlockDevice() ? 'a device' : 'not a file';
}
