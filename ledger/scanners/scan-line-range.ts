// Walks the lines of a ledger file, or of one range of it, as bytes, finding its retractions and corrections in the same pass.
import type { LineRange } from '../store/claim-ranges.js';
import type { FoundLine } from '../store/find-lines.js';
import { readChunks, type ReadChunksResult } from '../store/read-chunks.js';
import { findChangerLines } from './find-changer-lines.js';

export interface LineWalk {
  /** Lines in the range (empty ones too): where the next range's line numbers start. */
  lines: number;
  /** Lines holding a retraction or correction (loosely matched), with their file offsets. */
  changers: FoundLine[];
  tail: ReadChunksResult['tail'];
}

/** Visits one line: bytes [start, end) of the chunk, numbered from 1 within the range. */
export type LineVisitor = (start: number, end: number, lineNo: number) => void;

const NEWLINE = 0x0a;
/** One read buffer per thread for all the ranges it scans (the scans here never nest). */
const chunkBuffer = Buffer.allocUnsafe(1 << 20);

/**
 * Calls `createVisitor` once per chunk (`offset` is the chunk's place in the file) and the visitor once per
 * non-empty line. Chunks are never decoded as a whole: a 1 MiB string per chunk is garbage the collector
 * lets pile up, so visitors decode only the lines they read. The changer search (unless `changers` is
 * false) runs over the same chunks: no second read of the range.
 */
export function walkLines(
  path: string,
  range: LineRange | null,
  createVisitor: (bytes: Buffer, offset: number) => LineVisitor,
  options: { changers?: boolean } = {},
): LineWalk {
  const walk: LineWalk = { lines: 0, changers: [], tail: null };
  let offset = range?.start ?? 0;
  const read = readChunks(
    path,
    ({ bytes }) => {
      if (options.changers !== false) findChangerLines(bytes, offset, walk.changers);
      const visit = createVisitor(bytes, offset);
      offset += bytes.length;
      for (let start = 0, end = bytes.indexOf(NEWLINE); end !== -1; start = end + 1, end = bytes.indexOf(NEWLINE, start)) {
        walk.lines += 1;
        if (end > start) visit(start, end, walk.lines);
      }
    },
    range ? { from: range.start, to: range.end, buffer: chunkBuffer } : { buffer: chunkBuffer },
  );
  walk.tail = read.tail;
  return walk;
}

/** Only the changer search of walkLines, over one range. */
export function findChangers(path: string, range: LineRange): FoundLine[] {
  const found: FoundLine[] = [];
  let offset = range.start;
  readChunks(
    path,
    ({ bytes }) => {
      findChangerLines(bytes, offset, found);
      offset += bytes.length;
    },
    { from: range.start, to: range.end, buffer: chunkBuffer },
  );
  return found;
}
