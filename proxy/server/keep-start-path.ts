// The everyday servers' secret base path kept in the data dir's state, so a URL written into an agent's settings survives restarts.
import { linkSync, lstatSync, mkdirSync, renameSync, rmSync, type Stats, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../kernel/index.js';
import { type FileBound, readBoundedFile } from '../../ledger/index.js';
import { createStartPath, START_PATH_PREFIX } from './start-path.js';

/** Owner-only: the secret is what keeps other local processes out, so no other user may read it. */
const SECRET_MODE = 0o600;
const SECRET_SHAPE = /^[0-9a-f]{32}$/;
/** 32 hex digits and a newline: past a kilobyte it is no secret, and is not read. */
const SECRET_FILE: FileBound = { what: 'a kept base-path secret', maxBytes: 1024 };
const ROTATE_HINT = 'start with --rotate-secret to make a new one';

export interface KeptStartPath {
  /** `/_s/<hex>`, as the server's URL ends with. */
  path: string;
  /** Where it is kept, said to the user (never its content). */
  file: string;
  /** True when this start made it (first start, or a rotation): clients set up before need the new URL. */
  created: boolean;
  /** Why it could not be kept (the data dir unwritable: a file, read-only): this start's path is new, said at the start. */
  unkept?: string;
  /** The kept secret was readable by other users: where it was moved (never deleted), and its mode then. A new one was made. */
  exposed?: { movedTo: string; mode: number };
}

/** The file `tracker proxy` and `tracker otel` share: one secret per data dir, one URL path for both. */
export function resolveStartPathFile(dataDir: string): string {
  return join(dataDir, 'state', 'base-path.secret');
}

/**
 * The data dir's base path: read when kept, made (mode 600) on the first start or when `rotate` asks for a new one.
 * Two servers starting at once agree: the first write wins (`wx`), the other reads it. A kept file that other users
 * could read is moved aside, never narrowed and reused (they may have read it), and a new one is made.
 */
export function keepStartPath(dataDir: string, rotate: boolean): KeptStartPath {
  const file = resolveStartPathFile(dataDir);
  try {
    return readOrMake(file, rotate);
  } catch (error) {
    // The server still guards itself and runs (its rows' write errors are said as they come): only the URL is new.
    // A secret this user may not read (IO, EACCES) is as unkept as an unwritable one; a FIFO or a device is refused.
    if (error instanceof AppError && error.code === 'IO') return { path: createStartPath(), file, created: true, unkept: error.message };
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof AppError || code === undefined) throw error;
    return { path: createStartPath(), file, created: true, unkept: code };
  }
}

function readOrMake(file: string, rotate: boolean): KeptStartPath {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  if (rotate) {
    const path = createStartPath();
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${path.slice(START_PATH_PREFIX.length)}\n`, { mode: SECRET_MODE, flag: 'wx' });
    renameSync(tmp, file);
    return { path, file, created: true };
  }
  const seen = lstatSync(file, { throwIfNoEntry: false });
  // A link there is refused, never followed: neither read as the secret nor its target's mode changed.
  if (seen?.isSymbolicLink())
    throw new AppError(
      'BAD_INPUT',
      `is a symlink; a kept base-path secret is a file of its own, and the link is not followed; ${ROTATE_HINT}`,
      {
        where: file,
      },
    );
  const kept = readKept(file);
  let exposed: KeptStartPath['exposed'];
  if (kept !== null) {
    // A copy, an archive or a umask may have widened it: whoever could read it may hold the URL.
    if (seen === undefined || (seen.mode & 0o077) === 0 || !canKeepPrivate(dirname(file))) return { path: kept, file, created: false };
    const movedTo = moveAside(file, seen);
    if (movedTo === null) return readOrMake(file, false); // another start moved it first and made the new one
    exposed = { movedTo, mode: seen.mode & 0o777 };
  }
  const path = createStartPath();
  try {
    writeFileSync(file, `${path.slice(START_PATH_PREFIX.length)}\n`, { mode: SECRET_MODE, flag: 'wx' });
    return { path, file, created: true, ...(exposed ? { exposed } : {}) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { path: readKept(file) ?? path, file, created: false };
  }
}

/**
 * Whether a file made there owner-only stays so: a mount that keeps no modes (a Windows drive under WSL shows 777)
 * would otherwise have its secret replaced at every start.
 */
function canKeepPrivate(dir: string): boolean {
  const probe = join(dir, `.mode-probe-${process.pid}`);
  try {
    writeFileSync(probe, '', { mode: SECRET_MODE, flag: 'wx' });
    return (lstatSync(probe).mode & 0o077) === 0;
  } catch {
    return true;
  } finally {
    rmSync(probe, { force: true });
  }
}

/**
 * Renames the exposed secret to `<file>.exposed-<time>`; null when the file there is no longer the one seen (another
 * start moved it and wrote a new one), which is then put back if its place is still free.
 */
function moveAside(file: string, seen: Stats): string | null {
  const movedTo = `${file}.exposed-${new Date().toISOString().replace(/[-:]/g, '')}`;
  try {
    renameSync(file, movedTo);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const moved = lstatSync(movedTo);
  if (moved.ino === seen.ino && moved.dev === seen.dev) return movedTo;
  try {
    linkSync(movedTo, file); // link(2) never replaces: a third start's file stays
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  rmSync(movedTo, { force: true });
  return null;
}

/**
 * The kept path, null when there is no file; a file of another shape is refused, never silently replaced. Read
 * through the guarded reader: a FIFO there hung every start, /dev/zero read 2 GB before it failed.
 */
function readKept(file: string): string | null {
  let text: string | null;
  try {
    text = readBoundedFile(file, SECRET_FILE);
  } catch (error) {
    // Not a regular file, or too large: refused with the way out (a rotation renames a new file over it).
    if (error instanceof AppError && error.code === 'BAD_INPUT')
      throw new AppError('BAD_INPUT', `${error.message}; ${ROTATE_HINT}`, { where: file });
    throw error;
  }
  if (text === null) return null;
  const hex = text.trim();
  if (!SECRET_SHAPE.test(hex))
    throw new AppError('BAD_INPUT', `not a kept base-path secret (32 hex digits); ${ROTATE_HINT}`, { where: file });
  return `${START_PATH_PREFIX}${hex}`;
}
