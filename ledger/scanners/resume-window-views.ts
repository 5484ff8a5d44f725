// Carries the preview scan on from its checkpoint: only the rows appended to windows.jsonl and snapshots.jsonl since are read.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import type { LineRange } from '../store/claim-ranges.js';
import type { CompletionTable } from './completion-table.js';
import { toCompletedView, type ViewParts } from './emit-window-view.js';
import { collectChangedIds } from './find-changer-lines.js';
import { includesHash } from './includes-hash.js';
import { hashKeyBytes, type KeyTable } from './key-table.js';
import { createOpenWindows } from './open-windows.js';
import { readCompletions } from './read-completions.js';
import { hashWindowKey, type WindowKey } from './row-head.js';
import { findChangers } from './scan-line-range.js';
import { readSnapshotRows, type CompletedLookup } from './snapshot-rows.js';
import type { FileMark, LedgerPaths, ViewCheckpoint } from './view-checkpoint.js';

// As many as the scan reports in all (scan-window-views.ts).
const MAX_UNREADABLE = 100;

/** How a caller's fold of the views is carried across scans (the preview's running statistics). */
export interface ViewFoldHooks {
  /** Names the fold (a preview's filter and length): one checkpoint each. */
  name: string;
  /** The fold after the completed windows and before the others, as JSON-able data. */
  save(): unknown;
  /** Puts the fold back to a saved state; false, with nothing changed, when it cannot take that state. */
  restore(state: unknown): boolean;
  /** Asked once the scan is done: false keeps the new checkpoint from being stored (a command about to refuse its flags). */
  keep?: () => boolean;
}

export interface ResumedViews {
  checkpoint: ViewCheckpoint;
  /** Whether each file ended in a torn line (left for the caller to repair). */
  torn: { windows: boolean; snapshots: boolean };
}

/**
 * The views of the whole ledger from `stored` plus the rows after it, or null, with nothing visited, when
 * only a full scan can tell: a retraction or correction among windows.jsonl's new rows that names a row
 * before them (the stored fold may hold it; an amend of a window completed since is fine), a completion or
 * capture of a window already folded as completed (it would change that window in place; a hash that
 * merely collides costs the same full scan), or a state the fold refuses. Completed windows are handed on
 * before the others, in the order of their first completion, as the full scan does: the stored ones are in
 * the fold, the new ones follow it.
 */
export function resumeWindowViews(
  paths: LedgerPaths,
  stored: ViewCheckpoint,
  hooks: ViewFoldHooks,
  emit: (key: WindowKey, view: ViewParts) => void,
): ResumedViews | null {
  const windowsRange = rangeFrom(paths.windows, stored.windows.offset);
  const changed = collectChangedIds(findChangers(paths.windows, windowsRange));
  if (changed.size > 0 && !holdsRows(paths.windows, windowsRange, changed)) return null;
  const windowsDead = [...stored.windows.dead, ...changed];
  const part = readCompletions(paths.windows, windowsRange, new Set(windowsDead));
  const added = listKeyHashes(part.table.keys);
  if (added.some((hash) => includesHash(stored.completed, hash))) return null;
  // A damaged capture of a window completed since: the full scan leaves it unread, not unreadable.
  const completedNow = new Set(added);
  if (stored.snapshots.unreadableHashes?.some((hash) => hash !== null && completedNow.has(hash))) return null;
  const snapshotsRange = rangeFrom(paths.snapshots, stored.snapshots.offset);
  const lookup = createCompletedLookup(part.table, stored.completed);
  const rows = readSnapshotRows(paths.snapshots, snapshotsRange, lookup);
  if (lookup.folded) return null;
  if (!hooks.restore(stored.state)) return null;
  part.table.forEach((key, done) => {
    emit(key, toCompletedView(done));
  });
  const state = hooks.save();
  const dead = new Set([...stored.snapshots.dead, ...collectChangedIds(rows.changers)]);
  // Both tests only when there is something to test against: 160k kept captures on the bench ledger.
  const completedSince = part.table.size > 0 ? part.table : null;
  const kept = [...stored.kept, ...rows.kept].filter(
    (fields) => !(dead.size > 0 && dead.has(fields.id)) && !(completedSince?.has(fields.key) ?? false),
  );
  const open = createOpenWindows(emit);
  for (const fields of kept) open.add(fields);
  open.finish();
  const completed = new Int32Array(stored.completed.length + added.length);
  completed.set(stored.completed);
  completed.set(added, stored.completed.length);
  return {
    checkpoint: {
      windows: extendMark(stored.windows, windowsRange, part, windowsDead),
      snapshots: extendMark(stored.snapshots, snapshotsRange, rows, [...dead]),
      completed: added.length > 0 ? completed.sort() : stored.completed,
      kept,
      state,
    },
    torn: { windows: part.tail !== null, snapshots: rows.tail !== null },
  };
}

/** The 32-bit hashes of a table's keys (hashWindowKey's), in the table's order. */
export function listKeyHashes(keys: KeyTable): number[] {
  const { hashes, count, wide } = keys.share();
  const list = Array.from(hashes.subarray(0, count));
  // A key with a character above U+00FF is kept as text with no hash: it is hashed here the way lookups hash it.
  for (const [key, index] of wide) list[index] = hashWindowKey(key);
  return list;
}

// Past this, reading the new part whole to look for ids costs about what the full scan does.
const MAX_SEARCHED_BYTES = 64 << 20;

/**
 * Whether every id is that of a row in the range, written canonically (`{"id":"...` opens the line). Row ids
 * are unique (UUIDv7), so such a row is not also before the range, where the stored fold may hold it.
 */
function holdsRows(path: string, range: LineRange, ids: Set<string>): boolean {
  if (range.end - range.start > MAX_SEARCHED_BYTES) return false;
  const bytes = Buffer.alloc(range.end - range.start);
  const fd = openSync(path, 'r');
  try {
    for (let read = 0, got = 1; read < bytes.length && got > 0; read += got)
      got = readSync(fd, bytes, read, bytes.length - read, range.start + read);
  } finally {
    closeSync(fd);
  }
  // Whole lines only: a torn last line is no row yet (the next writer cuts it away).
  const lines = bytes.subarray(0, bytes.lastIndexOf(0x0a) + 1);
  return [...ids].every((id) => {
    const head = `{"id":${JSON.stringify(id)},`;
    return lines.indexOf(head) === 0 || lines.indexOf(`\n${head}`) !== -1;
  });
}

/** The new part of a file: from the stored offset to its size now (rows appended meanwhile are left for the next scan). */
function rangeFrom(path: string, offset: number): LineRange {
  const size = existsSync(path) ? statSync(path).size : 0;
  return { index: 0, start: offset, end: Math.max(offset, size) };
}

/** A file's mark after its new part was read: up to the part's last whole line. */
function extendMark(
  mark: FileMark,
  range: LineRange,
  part: { lines: number; unreadable: number[]; unreadableHashes?: (number | null)[]; tail: { offset: number } | null },
  dead: string[],
): FileMark {
  const unreadable = [...mark.unreadable, ...part.unreadable.map((lineNo) => mark.lines + lineNo)].slice(0, MAX_UNREADABLE);
  const extended = { offset: part.tail?.offset ?? range.end, lines: mark.lines + part.lines, unreadable, dead };
  if (!part.unreadableHashes) return extended;
  const hashes = [...(mark.unreadableHashes ?? mark.unreadable.map(() => null)), ...part.unreadableHashes].slice(0, MAX_UNREADABLE);
  return { ...extended, unreadableHashes: hashes };
}

/**
 * Completed: a window completed in the new rows, or one whose hash the stored fold holds. The second is
 * noted in `folded`: such a capture would be skipped by a full scan only if its window really is that one.
 */
function createCompletedLookup(added: CompletionTable, folded: Int32Array): CompletedLookup & { folded: boolean } {
  const lookup = {
    folded: false,
    find(key: string, hash = hashWindowKey(key)): number {
      return added.keys.find(key, hash) !== -1 ? 0 : noteFolded(hash);
    },
    findBytes(bytes: Uint8Array, start: number, end: number, hash = hashKeyBytes(bytes, start, end)): number {
      return added.keys.findBytes(bytes, start, end, hash) !== -1 ? 0 : noteFolded(hash);
    },
  };
  const noteFolded = (hash: number): number => {
    if (!includesHash(folded, hash)) return -1;
    lookup.folded = true;
    return 0;
  };
  return lookup;
}
