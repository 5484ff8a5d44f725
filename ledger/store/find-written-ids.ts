// Reads the row ids written at or after a byte offset, so a retried batch skips rows an earlier attempt left.
import { fstatSync, readSync } from 'node:fs';

const BLOCK = 1 << 20;
// Every stamped row starts with its id (ledger/stamp-row.ts): no line needs to be parsed as JSON.
export const ID_AT_LINE_START = /^\{"id":"([^"\\]+)"/;

/** Must be called with the file's lock held: ids of lines that start at or after `from` (and end before EOF). */
export function findWrittenIds(fd: number, from: number): Set<string> {
  const ids = new Set<string>();
  const size = fstatSync(fd).size;
  const block = Buffer.alloc(BLOCK);
  let carry = '';
  for (let position = Math.max(0, from); position < size; ) {
    const read = readSync(fd, block, 0, Math.min(BLOCK, size - position), position);
    if (read === 0) break;
    position += read;
    const lines = (carry + block.toString('utf8', 0, read)).split('\n');
    carry = lines.pop() ?? '';
    for (const line of lines) {
      const id = ID_AT_LINE_START.exec(line)?.[1];
      if (id) ids.add(id);
    }
  }
  return ids;
}

/** The rows whose id is not among `ids`, in order. */
export function dropWrittenRows<R extends object>(rows: R[], ids: Set<string>): R[] {
  if (ids.size === 0) return rows;
  return rows.filter((row) => !ids.has(String((row as { id?: unknown }).id)));
}
