// Derived files beside the ledger (capture checkpoints): written by rename with a digest, and tied to the ledger bytes they fold.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ensureDir } from '../store/data-dir.js';
import { readBoundedFile } from '../store/read-bounded-file.js';

/** A preview checkpoint runs to tens of MB; past this it is no checkpoint of ours, and a full scan is the answer. */
const DERIVED_FILE = { what: 'a checkpoint', maxBytes: 256 * 1024 * 1024 };
/** The bytes before an offset that must still be there: a file rewritten in place under the same inode is caught. */
const TAIL_BYTES = 256;

/** Device, inode and the bytes before `offset` (which must end a line), or null when the file is shorter or gone. */
export function readFileIdentity(path: string, offset: number): [string, string, string] | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const stat = fstatSync(fd, { bigint: true });
    if (!Number.isSafeInteger(offset) || offset < 0 || stat.size < BigInt(offset)) return null;
    const length = Math.min(TAIL_BYTES, offset);
    const tail = Buffer.alloc(length);
    if (readSync(fd, tail, 0, length, offset - length) !== length) return null;
    if (length > 0 && tail[length - 1] !== 0x0a) return null;
    return [String(stat.dev), String(stat.ino), tail.toString('hex')];
  } finally {
    closeSync(fd);
  }
}

/** The body, or null when the file is missing, torn or altered (its first line is the body's digest). */
export function readDerivedFile(path: string): string | null {
  let text: string | null;
  try {
    text = readBoundedFile(path, DERIVED_FILE);
  } catch {
    return null;
  }
  if (text === null) return null;
  const newline = text.indexOf('\n');
  const body = text.slice(newline + 1);
  return newline >= 0 && text.slice(0, newline) === digest(body) ? body : null;
}

/** A rename, so a reader sees the old file or the new one; not fsync'd, and a data dir that refuses is not an error. */
export function writeDerivedFile(path: string, body: string): void {
  const tmp = join(dirname(path), `.${process.pid}.${Date.now()}.tmp`);
  try {
    ensureDir(dirname(path));
    // Owner-only: a checkpoint holds copies of ledger rows, which the data dir's own mode may not protect.
    writeFileSync(tmp, `${digest(body)}\n${body}`, { mode: 0o600 });
    renameSync(tmp, path);
  } catch {
    // Derived data: without it the next reader reads the whole file, as it always could. A write cut short by a full
    // disk is not left behind (a preview checkpoint runs to tens of MB).
    rmSync(tmp, { force: true });
  }
}

function digest(body: string): string {
  return createHash('sha1').update(body).digest('hex');
}
