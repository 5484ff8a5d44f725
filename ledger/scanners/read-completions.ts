// Reads the completion rows of windows.jsonl, or of one part of it, into a table of completed windows.
import type { LineRange } from '../store/claim-ranges.js';
import type { ReadChunksResult } from '../store/read-chunks.js';
import { CompletionTable, estimateWindows } from './completion-table.js';
import { createCompletionRow, readCompletionBytes, ROW_AS_TEXT, ROW_READ } from './read-completion-bytes.js';
import { createCompletionReader } from './read-completion-fields.js';
import { KeyTable } from './key-table.js';
import { walkLines } from './scan-line-range.js';

export interface CompletionPart {
  table: CompletionTable;
  lines: number;
  /** Line numbers within the part of lines no reader could read, at most MAX_UNREADABLE. */
  unreadable: number[];
  tail: ReadChunksResult['tail'];
}

// As many as the scan reports in all; more from one part could never be shown.
const MAX_UNREADABLE = 100;

/**
 * Into `table` (the main thread's is sized to take in the helper's too). `dead` holds the ids that retractions
 * and corrections anywhere in the file removed: their rows are left out. Canonical rows are read from their
 * bytes; the others are decoded, one line at a time, and read as text.
 */
export function readCompletions(
  path: string,
  range: LineRange,
  dead: Set<string>,
  table = new CompletionTable(estimateWindows(range.end - range.start)),
): CompletionPart {
  const unreadable: number[] = [];
  const deadIds = dead.size > 0 ? toKeyTable(dead) : null;
  const row = createCompletionRow();
  const walk = walkLines(
    path,
    range,
    (bytes) => (start, end, lineNo) => {
      const verdict = readCompletionBytes(bytes, start, end, row);
      if (verdict === ROW_READ) table.setRow(bytes, row, deadIds);
      if (verdict !== ROW_AS_TEXT) return;
      const text = bytes.toString('latin1', start, end);
      const fields = createCompletionReader(text, (from, to) => bytes.toString('utf8', start + from, start + to))(0, text.length);
      if (fields === undefined) {
        if (unreadable.length < MAX_UNREADABLE) unreadable.push(lineNo);
      } else if (fields !== null && !(dead.size > 0 && dead.has(fields.id))) {
        table.set(fields.key, fields);
      }
    },
    { changers: false },
  );
  return { table, lines: walk.lines, unreadable, tail: walk.tail };
}

function toKeyTable(ids: Set<string>): KeyTable {
  const table = new KeyTable();
  for (const id of ids) table.add(id);
  return table;
}
