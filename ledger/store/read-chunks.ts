// Reads a file (or a stretch of whole lines of it) in 1 MiB chunks cut at line ends, as latin1 text whose offsets equal byte offsets.
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
 * `to` (a line start, see findLineStart) ends the read there instead of at the end of the file.
 * `buffer` (1 MiB or more) is used instead of a new one: a scan of many ranges then leaves no garbage
 * buffers behind; its bytes are overwritten, so a visit must not read another file into the same buffer.
 */
export function readChunks(
  path: string,
  visit: (chunk: Chunk) => void,
  options: { from?: number; to?: number; buffer?: Buffer } = {},
): ReadChunksResult {
  const from = options.from ?? 0;
  const to = options.to ?? Number.POSITIVE_INFINITY;
  if (!existsSync(path)) return { tail: null, end: from };
  const fd = openSync(path, 'r');
  let buffer: Buffer = options.buffer ?? Buffer.allocUnsafe(CHUNK_BYTES);
  let carried = 0;
  let fileOffset = from;
  try {
    for (;;) {
      if (carried === buffer.length) buffer = growBuffer(buffer);
      const bytesRead =
        fileOffset >= to ? 0 : readSync(fd, buffer, carried, Math.min(buffer.length - carried, to - fileOffset), fileOffset);
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

/** The first line start at or after `offset`: just after the first newline at `offset - 1` or later, else `size`. */
export function findLineStart(path: string, offset: number, size: number): number {
  if (offset <= 0) return 0;
  const fd = openSync(path, 'r');
  const probe = Buffer.allocUnsafe(64 * 1024);
  try {
    for (let at = offset - 1, bytesRead = 1; at < size && bytesRead > 0; at += bytesRead) {
      bytesRead = readSync(fd, probe, 0, Math.min(probe.length, size - at), at);
      const newline = probe.subarray(0, bytesRead).indexOf(NEWLINE);
      if (newline !== -1) return at + newline + 1;
    }
  } finally {
    closeSync(fd);
  }
  return size;
}

/** A line longer than the buffer (not a ledger row, but possible in a damaged file): double the buffer. */
function growBuffer(buffer: Buffer): Buffer {
  const larger = Buffer.allocUnsafe(buffer.length * 2);
  buffer.copy(larger);
  return larger;
}
