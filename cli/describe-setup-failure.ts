// Why a queued plan cannot be set up on this worker's machine, in one line that names its files and never quotes them.
import { accessSync, constants, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { isAppError } from '../kernel/index.js';
import { QUEUED_FILE_FLAGS } from './commands/experiment-run-queue.js';

interface QueuedFile {
  flag: string;
  path: string;
}

/**
 * A worker reads a queued plan's files on its own machine, and whoever can write the queue can name any file there
 * (a plan whose --prices was /etc/shadow made the worker print the file's first 10 characters, which
 * JSON.parse's message quotes; a budget config's schema errors quote values too). So an error about a file is told by
 * the file's name and by what this worker's own look at it finds (missing, unreadable, or read but refused), never by
 * its message. Errors about a flag or the plan itself are ours and said as they are.
 */
export function describeSetupFailure(error: unknown, settings: Readonly<Record<string, unknown>>): string {
  const files = listQueuedFiles(settings);
  const where = isAppError(error) ? error.where : undefined;
  if (where !== undefined && isFileLocation(where, files)) {
    const owner = files.find((file) => isWithin(where, file.path));
    const relativeNote = owner && !isAbsolute(owner.path) ? " (queued as a relative path: read from this worker's folder)" : '';
    return `${owner ? `${owner.flag} ` : ''}${where}${relativeNote}: ${describeFile(where)}`;
  }
  if (isAppError(error)) return error.toLine();
  // Not one of ours: its message may quote whatever it was reading.
  const reading = files.map((file) => `${file.flag} ${file.path}`).join(', ');
  return `${(error as Error | undefined)?.name ?? 'an error'} while setting it up${reading ? ` from ${reading}` : ''} (its message is not shown: it may quote a file)`;
}

/** The plan's queued file flags that name something, in the order of QUEUED_FILE_FLAGS. */
function listQueuedFiles(settings: Readonly<Record<string, unknown>>): QueuedFile[] {
  return Object.entries(QUEUED_FILE_FLAGS).flatMap(([name, flag]) => {
    const value = settings[name];
    return typeof value === 'string' ? [{ flag, path: value }] : [];
  });
}

/** A flag (`--seed`), the plan (`plan P`) or the command are not files; a queued file, or anything in one, is. */
function isFileLocation(where: string, files: QueuedFile[]): boolean {
  if (where.startsWith('-')) return false;
  return files.some((file) => isWithin(where, file.path)) || isAbsolute(where) || where.includes('/');
}

function isWithin(path: string, root: string): boolean {
  const from = relative(resolve(root), resolve(path));
  return from === '' || (!from.startsWith('..') && !isAbsolute(from));
}

/** What this worker finds at the path itself: the error's own words may carry the file's bytes. */
function describeFile(path: string): string {
  try {
    const kind = statSync(path).isDirectory() ? 'a folder' : 'a file';
    accessSync(path, constants.R_OK);
    return `${kind} this worker can read but cannot use as this flag's input (its content is not shown)`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'no such file or folder on this machine' : `cannot be read on this machine (${code ?? 'unreadable'})`;
  }
}
