// The one reader of the small files the tool keeps or is pointed at (state, plans, providers, prices, configs, logins):
// a regular file only, opened without blocking, bounded in size, its content never quoted in an error.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from 'node:fs';
import { AppError, parseJsonText } from '../../kernel/index.js';

/** What a file is called in messages ("a plans file") and the most it may weigh. */
export interface FileBound {
  what: string;
  maxBytes: number;
}

/** A state, plans, providers or config file is kilobytes; 4 MiB is far past any real one and still cheap to read. */
export const SMALL_FILE: FileBound = { what: 'a small JSON file', maxBytes: 4 * 1024 * 1024 };

/**
 * The file's text, or null when there is none (ENOENT). Anything else is refused with one line naming the file: a FIFO
 * blocked every command (and every prompt's status line) for good, /dev/zero grew the process past 2 GB, and a
 * device's open may do something of its own (a watchdog starts), so the path is looked at before it is opened, then
 * opened with O_NONBLOCK and looked at again (a swap in between is caught). A link to a regular file is followed (a
 * plans file kept in a dotfiles repository), but what it holds is never echoed (parseJsonText).
 */
export function readBoundedFile(file: string, bound: FileBound = SMALL_FILE): string | null {
  let fd: number | null = null;
  try {
    checkRegular(file, statSync(file), bound);
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    checkRegular(file, stat, bound);
    // One byte past its size, so a file that grew after fstat is caught rather than cut (the tool writes by rename).
    const buffer = Buffer.alloc(stat.size + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read)
      read = readSync(fd, buffer, length, buffer.length - length, length);
    if (length > stat.size) throw new AppError('IO', 'it grew while it was read: try again', { where: file });
    return buffer.toString('utf8', 0, length);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw new AppError('IO', `cannot read it (${code ?? 'error'})`, { where: file });
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * A file the tool keeps for itself (state/<agent>/, a cache of the ledger): its JSON, or undefined when it is missing
 * or is anything but a small regular file of JSON. Never throws: such a file is rebuilt, never trusted.
 */
export function readStateJson(file: string, bound: FileBound = SMALL_FILE): unknown {
  try {
    const text = readBoundedFile(file, bound);
    return text === null ? undefined : parseJsonText(text, file);
  } catch {
    return undefined;
  }
}

function checkRegular(file: string, stat: Stats, bound: FileBound): void {
  if (!stat.isFile())
    throw new AppError('BAD_INPUT', `is not a regular file (${bound.what} is one; this is ${describeKind(stat)})`, { where: file });
  if (stat.size > bound.maxBytes) throw tooLarge(file, stat.size, bound);
}

function tooLarge(file: string, size: number, bound: FileBound): AppError {
  return new AppError('BAD_INPUT', `is ${size} bytes, more than ${bound.what}'s ${bound.maxBytes}`, { where: file });
}

function describeKind(stat: Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a file';
}
