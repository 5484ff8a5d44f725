// Finds the lines of a file that contain any of a few rare strings, with one substring search per chunk.
import { readChunks } from './read-chunks.js';

export interface FoundLine {
  text: string;
  /** Byte offset of the line in the file. */
  offset: number;
}

/** Lines containing any needle (ASCII), decoded as UTF-8, in file order; much faster than testing every line. */
export function findLinesContaining(path: string, needles: string[]): FoundLine[] {
  return searchLines(path, needles).lines;
}

/** The same from a byte offset, also saying where the complete lines ended (to resume from there later). */
export function searchLines(path: string, needles: string[], from = 0): { lines: FoundLine[]; end: number } {
  const found: FoundLine[] = [];
  const patterns = needles.map((needle) => Buffer.from(needle, 'utf8'));
  let base = from;
  // Byte search (memmem) over the raw chunk: no decoding, and only matching lines become strings.
  const read = readChunks(
    path,
    ({ bytes }) => {
      const starts = new Set<number>();
      for (const pattern of patterns) {
        for (let at = bytes.indexOf(pattern); at !== -1; at = bytes.indexOf(pattern, at + pattern.length)) {
          starts.add(bytes.lastIndexOf(NEWLINE, at) + 1);
        }
      }
      for (const start of [...starts].sort((a, b) => a - b)) {
        found.push({ text: bytes.toString('utf8', start, bytes.indexOf(NEWLINE, start)), offset: base + start });
      }
      base += bytes.length;
    },
    { from },
  );
  return { lines: found, end: read.end };
}

const NEWLINE = 0x0a;
