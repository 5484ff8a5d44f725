// Reads one range of snapshots.jsonl once the completed windows are known: the rows of the other windows, in file order.
import type { LineRange } from '../store/claim-ranges.js';
import type { FoundLine } from '../store/find-lines.js';
import type { ReadChunksResult } from '../store/read-chunks.js';
import type { KeyTable } from './key-table.js';
import { createSnapshotReader, type SnapshotFields } from './read-snapshot-fields.js';
import { toBytes } from './byte-search.js';
import { createKeySpan, readKeyBytes } from './read-key-bytes.js';
import { copyString, hashWindowKey, HEAD_FOUND, HEAD_OTHER_KIND } from './row-head.js';
import { walkLines } from './scan-line-range.js';

export interface SnapshotRows {
  /** Lines in the range (empty ones too): where the next range's line numbers start. */
  lines: number;
  /** Readable rows of windows not completed, in file order (retracted ones too: the caller knows the dead ids). */
  kept: SnapshotFields[];
  /** Line numbers within the range of lines no reader could read, at most MAX_UNREADABLE. */
  unreadable: number[];
  /**
   * For each unreadable line, the hash of its window key when its head could be read, else null: such a line is
   * left unread (not unreadable) once its window is completed, so a checkpoint must know whose it is.
   */
  unreadableHashes: (number | null)[];
  /** Lines holding a retraction or correction (loosely matched), with their file offsets. */
  changers: FoundLine[];
  tail: ReadChunksResult['tail'];
}

// As many as the scan reports in all; more from one range could never be shown.
const MAX_UNREADABLE = 100;
const SNAPSHOT_KIND = toBytes('snapshot"');

/** Which windows are completed: a key table, or (when resuming from a checkpoint) anything that answers like one. */
export type CompletedLookup = Pick<KeyTable, 'find' | 'findBytes'>;

/**
 * Rows of completed windows are left once their key is read (a completed window's captures cannot change):
 * the key is looked up by its bytes where it lies, so those rows, most of a large ledger, make no string.
 */
export function readSnapshotRows(path: string, range: LineRange | null, completed: CompletedLookup): SnapshotRows {
  const rows: SnapshotRows = { lines: 0, kept: [], unreadable: [], unreadableHashes: [], changers: [], tail: null };
  const isCompleted = (key: string): boolean => completed.find(key, hashWindowKey(key)) !== -1;
  const span = createKeySpan();
  const walk = walkLines(path, range, (bytes) => (start, end, lineNo) => {
    const verdict = readKeyBytes(bytes, start, end, SNAPSHOT_KIND, span);
    if (verdict === HEAD_OTHER_KIND) return;
    if (verdict === HEAD_FOUND && completed.findBytes(bytes, span.keyStart, span.keyEnd, span.hash) !== -1) return;
    // The few rows read in full are decoded one line at a time: a whole chunk would be garbage at once.
    const text = bytes.toString('latin1', start, end);
    const fields = createSnapshotReader(text, (from, to) => bytes.toString('utf8', start + from, start + to), isCompleted)(0, text.length);
    if (fields === undefined) {
      if (rows.unreadable.length < MAX_UNREADABLE) {
        rows.unreadable.push(lineNo);
        rows.unreadableHashes.push(verdict === HEAD_FOUND ? span.hash : null);
      }
    } else if (fields !== null) {
      // Copies: a slice would pin its line for as long as the row is kept.
      rows.kept.push({ ...fields, id: copyString(fields.id), key: copyString(fields.key) });
    }
  });
  return { ...rows, lines: walk.lines, changers: walk.changers, tail: walk.tail };
}
