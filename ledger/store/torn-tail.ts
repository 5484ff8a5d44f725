// Finds and cuts a torn last line (bytes after the final newline) of a ledger file, under its lock.
import { fstatSync, ftruncateSync, readSync } from 'node:fs';

const BLOCK = 64 * 1024;
/** How much of a torn fragment is kept under rejects/ (a fragment is at most one row). */
export const MAX_KEPT_FRAGMENT = 1 << 20;

export interface TornTail {
  /** Byte offset where the torn fragment starts (just after the last newline). */
  offset: number;
  length: number;
  fragment: Buffer;
}

/** Must be called with the file's exclusive lock held and `fd` opened for reading. */
export function findTornTail(fd: number): TornTail | null {
  const size = fstatSync(fd).size;
  if (size === 0) return null;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  if (last[0] === 0x0a) return null;
  const offset = findLineStart(fd, size);
  const length = size - offset;
  const fragment = Buffer.alloc(Math.min(length, MAX_KEPT_FRAGMENT));
  readSync(fd, fragment, 0, fragment.length, offset);
  return { offset, length, fragment };
}

/** Truncates the file to drop the torn fragment; complete rows before it are not touched. */
export function cutTornTail(fd: number, tail: TornTail): void {
  ftruncateSync(fd, tail.offset);
}

function findLineStart(fd: number, size: number): number {
  const block = Buffer.alloc(BLOCK);
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - BLOCK);
    readSync(fd, block, 0, end - start, start);
    const at = block.subarray(0, end - start).lastIndexOf(0x0a);
    if (at !== -1) return start + at + 1;
    end = start;
  }
  return 0;
}
