// Visits the lines of a JSONL file with bounded memory, optionally only those containing given bytes.
import { readChunks } from './read-chunks.js';

export interface LineVisit {
  text: string;
  /** 1-based line number in the file. */
  lineNo: number;
}

export interface ReadLinesResult {
  lines: number;
  /** Bytes after the last newline: a torn tail, or a row still being written. */
  tail: { offset: number; length: number } | null;
  /** Offset just after the last complete line: where a later read can resume. */
  end: number;
}

export interface ReadLinesOptions {
  /** Only lines containing these strings are decoded and visited (the others are still counted). */
  needles?: string[];
  /** Whether a line must contain all needles (default) or any one of them. */
  match?: 'all' | 'any';
  /** Resume at a line start (byte offset) whose line number is `lineNo + 1`, instead of at the top. */
  from?: { offset: number; lineNo: number };
}

const NEWLINE = 0x0a;

/**
 * Calls `visit` for every complete, non-empty line, decoded as UTF-8. Lines without the needles are skipped
 * at the byte level, without decoding: a rule check over a large ledger parses only its own rows.
 */
export function readLines(path: string, visit: (line: LineVisit) => void, options: ReadLinesOptions = {}): ReadLinesResult {
  const needles = (options.needles ?? []).map((needle) => Buffer.from(needle, 'utf8'));
  const matchAny = options.match === 'any';
  let lineNo = options.from?.lineNo ?? 0;
  const { tail, end } = readChunks(
    path,
    ({ bytes }) => {
      const finder = createNeedleFinder(bytes, needles, matchAny);
      for (let start = 0, end = bytes.indexOf(NEWLINE); end !== -1; start = end + 1, end = bytes.indexOf(NEWLINE, start)) {
        lineNo += 1;
        if (end > start && finder(start, end)) visit({ text: bytes.toString('utf8', start, end), lineNo });
      }
    },
    { from: options.from?.offset ?? 0 },
  );
  return { lines: lineNo, tail, end };
}

/**
 * Answers "does data[start, end) contain the needles?" for lines visited in order. It remembers where each
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
