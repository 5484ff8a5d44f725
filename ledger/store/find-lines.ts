// Finds the lines of a file that contain any of a few rare strings, with one substring search per chunk.
import { readChunks } from './read-chunks.js';

export interface FoundLine {
  text: string;
  /** Byte offset of the line in the file. */
  offset: number;
}

/** Lines containing any needle (ASCII), decoded as UTF-8, in file order; much faster than testing every line. */
export function findLinesContaining(path: string, needles: string[]): FoundLine[] {
  const found: FoundLine[] = [];
  const patterns = needles.map((needle) => Buffer.from(needle, 'utf8'));
  let base = 0;
  // Byte search (memmem) over the raw chunk: no decoding, and only matching lines become strings.
  readChunks(path, ({ bytes }) => {
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
  });
  return found;
}

const NEWLINE = 0x0a;
