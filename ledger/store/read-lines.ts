// Streams a JSONL file line by line with bounded memory, optionally skipping lines that lack given bytes.
import { closeSync, existsSync, openSync, readSync } from 'node:fs';

const CHUNK_BYTES = 1 << 20;
const NEWLINE = 0x0a;

export interface LineVisit {
  text: string;
  /** 1-based line number in the file. */
  lineNo: number;
}

export interface ReadLinesResult {
  lines: number;
  /** Bytes after the last newline: a torn tail, or a row still being written. */
  tail: { offset: number; length: number } | null;
}

export interface ReadLinesOptions {
  /** Only lines containing these strings are decoded and visited (the others are still counted). */
  needles?: string[];
  /** Whether a line must contain all needles (default) or any one of them. */
  match?: 'all' | 'any';
  /**
   * `latin1` maps each byte to one character, which is cheaper and keeps string offsets equal to byte
   * offsets; use it only where the fields read are ASCII (ids, times, numbers).
   */
  encoding?: 'utf8' | 'latin1';
}

/**
 * Reads `path` in 1 MiB chunks and calls `visit` for every complete line. Lines that do not contain every
 * needle are skipped at the byte level, without decoding: this is what keeps a 1M-row preview fast.
 */
export function readLines(path: string, visit: (line: LineVisit) => void, options: ReadLinesOptions = {}): ReadLinesResult {
  if (!existsSync(path)) return { lines: 0, tail: null };
  const needles = (options.needles ?? []).map((needle) => Buffer.from(needle, 'utf8'));
  const encoding = options.encoding ?? 'utf8';
  const matchAny = options.match === 'any';
  const fd = openSync(path, 'r');
  let carry: Buffer = Buffer.alloc(0);
  let fileOffset = 0;
  let lineNo = 0;
  try {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const bytesRead = readSync(fd, chunk, 0, CHUNK_BYTES, fileOffset);
      if (bytesRead === 0) break;
      fileOffset += bytesRead;
      const data = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
      let start = 0;
      const finder = createNeedleFinder(data, needles, matchAny);
      for (let end = data.indexOf(NEWLINE, start); end !== -1; end = data.indexOf(NEWLINE, start)) {
        lineNo += 1;
        if (end > start && finder(start, end)) {
          visit({ text: data.toString(encoding, start, end), lineNo });
        }
        start = end + 1;
      }
      carry = Buffer.from(data.subarray(start));
    }
  } finally {
    closeSync(fd);
  }
  const tail = carry.length > 0 ? { offset: fileOffset - carry.length, length: carry.length } : null;
  return { lines: lineNo, tail };
}

/**
 * Answers "does data[start, end) contain every needle?" for lines visited in order. It remembers where each
 * needle next occurs, so a rare needle costs one scan of the chunk, not one scan per line.
 */
function createNeedleFinder(data: Buffer, needles: Buffer[], matchAny: boolean): (start: number, end: number) => boolean {
  const next = needles.map(() => -2);
  return (start, end) => {
    if (needles.length === 0) return true;
    for (let i = 0; i < needles.length; i += 1) {
      const needle = needles[i] as Buffer;
      let at = next[i] as number;
      if (at !== -1 && at < start) {
        at = data.indexOf(needle, start);
        next[i] = at;
      }
      const found = at !== -1 && at + needle.length <= end;
      if (found && matchAny) return true;
      if (!found && !matchAny) return false;
    }
    return !matchAny;
  };
}
