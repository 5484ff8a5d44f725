// Reads a file's first line alone (a Codex rollout's session_meta), without searching the rest of the file for it.
import { closeSync, openSync, readSync } from 'node:fs';

/** A session_meta line holds the base instructions (about 20 KB in Codex 0.169.0); past this it is not a line we read. */
const MAX_LINE_BYTES = 1 << 20;

/** The first line as UTF-8 text (without its newline); the whole start when no newline comes within MAX_LINE_BYTES. */
export function readFirstLine(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(MAX_LINE_BYTES);
    let length = 0;
    while (length < MAX_LINE_BYTES) {
      const read = readSync(fd, buffer, length, Math.min(64 * 1024, MAX_LINE_BYTES - length), length);
      if (read === 0) break;
      const newline = buffer.indexOf(0x0a, length);
      length += read;
      if (newline !== -1 && newline < length) return buffer.toString('utf8', 0, newline);
    }
    return buffer.toString('utf8', 0, length);
  } finally {
    closeSync(fd);
  }
}
