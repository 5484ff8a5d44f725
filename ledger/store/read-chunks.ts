// Reads a file in 1 MiB chunks cut at line ends, as latin1 text whose offsets equal byte offsets.
import { closeSync, existsSync, openSync, readSync } from 'node:fs';

const CHUNK_BYTES = 1 << 20;
const NEWLINE = 0x0a;

export interface Chunk {
  /** Complete lines only (ends with a newline), one character per byte; decoded on first use. */
  readonly text: string;
  /** The same bytes, for byte searches and for decoding a line as UTF-8 where its text matters. */
  readonly bytes: Buffer;
}

export interface ReadChunksResult {
  /** Bytes after the last newline: a torn tail, or a row still being written. */
  tail: { offset: number; length: number } | null;
  /** Offset just after the last complete line read: where a later read can resume. */
  end: number;
}

/**
 * Calls `visit` once per chunk of whole lines. Latin1 maps each byte to one character, so decoding is a
 * copy and a character offset is a byte offset; only ASCII fields should be read from `text`.
 */
export function readChunks(path: string, visit: (chunk: Chunk) => void, options: { from?: number } = {}): ReadChunksResult {
  const from = options.from ?? 0;
  if (!existsSync(path)) return { tail: null, end: from };
  const fd = openSync(path, 'r');
  let buffer: Buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let carried = 0;
  let fileOffset = from;
  try {
    for (;;) {
      if (carried === buffer.length) buffer = growBuffer(buffer);
      const bytesRead = readSync(fd, buffer, carried, buffer.length - carried, fileOffset);
      if (bytesRead === 0) break;
      fileOffset += bytesRead;
      const filled = carried + bytesRead;
      const lastNewline = buffer.lastIndexOf(NEWLINE, filled - 1);
      if (lastNewline === -1) {
        carried = filled;
        continue;
      }
      const bytes = buffer.subarray(0, lastNewline + 1);
      let text: string | undefined;
      visit({
        bytes,
        get text() {
          text ??= bytes.toString('latin1');
          return text;
        },
      });
      carried = filled - (lastNewline + 1);
      buffer.copyWithin(0, lastNewline + 1, filled);
    }
  } finally {
    closeSync(fd);
  }
  return { tail: carried > 0 ? { offset: fileOffset - carried, length: carried } : null, end: fileOffset - carried };
}

/** A line longer than the buffer (not a ledger row, but possible in a damaged file): double the buffer. */
function growBuffer(buffer: Buffer): Buffer {
  const larger = Buffer.allocUnsafe(buffer.length * 2);
  buffer.copy(larger);
  return larger;
}
