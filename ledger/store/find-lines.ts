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
  let base = 0;
  readChunks(path, ({ text, bytes }) => {
    const starts = new Set<number>();
    for (const needle of needles) {
      for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) {
        starts.add(text.lastIndexOf('\n', at) + 1);
      }
    }
    for (const start of [...starts].sort((a, b) => a - b)) {
      const end = text.indexOf('\n', start);
      found.push({ text: bytes.toString('utf8', start, end), offset: base + start });
    }
    base += bytes.length;
  });
  return found;
}
