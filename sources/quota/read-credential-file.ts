// Reads a client's credential file safely: a regular file of bounded size, opened without blocking, never echoed.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { AppError } from '../../kernel/index.js';

/** A credential file is a few kilobytes (Codex's auth.json about 4 KB); more is not one. */
const MAX_CREDENTIAL_BYTES = 1024 * 1024;

/**
 * The file's JSON, read only when it is a regular file of at most MAX_CREDENTIAL_BYTES, opened without blocking: a
 * FIFO in its place blocked the proxy's event loop for good and a link to /dev/zero grew it past 2 GB (issue 50,
 * item 6). Null when there is no such file.
 */
export function readCredentialFile(file: string): unknown {
  let text: string;
  let fd: number | null = null;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new AppError('BAD_INPUT', 'is not a regular file (a credential file is one)', { where: file });
    if (stat.size > MAX_CREDENTIAL_BYTES)
      throw new AppError('BAD_INPUT', `is ${stat.size} bytes, more than a credential file's ${MAX_CREDENTIAL_BYTES}`, { where: file });
    const buffer = Buffer.alloc(stat.size);
    const read = readSync(fd, buffer, 0, stat.size, 0);
    text = buffer.subarray(0, read).toString('utf8');
  } catch (error) {
    if (error instanceof AppError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AppError('IO', `cannot read the credential file: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, { where: file });
  } finally {
    if (fd !== null) closeSync(fd);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Never echo the content: it is a credential file.
    throw new AppError('BAD_INPUT', 'is not JSON', { where: file });
  }
}

/** The value at `path` inside parsed JSON; undefined where any step is missing. */
export function readPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
