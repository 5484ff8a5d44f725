// Streams every window of the ledger as a compact view, with memory bounded by the windows it holds, for previews.
import type { StampContext } from '../store/stamp-row.js';
import { tryRepairTornTail, type TornTailRepair } from '../store/append-rows.js';
import { claimRanges, claimRangesFromEnd, countRanges, mergeRanges, planRanges, type RangePlan } from '../store/claim-ranges.js';
import { LEDGER_FILES, type LedgerFile } from '../store/data-dir.js';
import { locateLedgerFile } from '../store/locate-ledger-file.js';
import type { UnreadableLine } from '../store/scan-ledger.js';
import { CompletionTable, estimateWindows } from './completion-table.js';
import { createViewEmitter, toCompletedView, type ViewParts, type WindowView } from './emit-window-view.js';
import { collectChangedIds } from './find-changer-lines.js';
import { createOpenWindows } from './open-windows.js';
import { readCompletions, type CompletionPart } from './read-completions.js';
import { listKeyHashes, resumeWindowViews, type ViewFoldHooks } from './resume-window-views.js';
import type { WindowKey } from './row-head.js';
import { startScanHelper, type ScanHelper, type ScanPlan } from './scan-helper.js';
import { findChangers } from './scan-line-range.js';
import { readSnapshotRows } from './snapshot-rows.js';
import { loadViewCheckpoint, saveViewCheckpoint, type FileMark, type LedgerPaths, type ViewCheckpoint } from './view-checkpoint.js';

export type { WindowView } from './emit-window-view.js';
export type { ViewFoldHooks } from './resume-window-views.js';

export interface ScanWindowsResult {
  windows: number;
  unreadable: UnreadableLine[];
  repaired: TornTailRepair[];
  /** Torn tails that could not be repaired, and why. */
  unrepaired: string[];
  /** How the views were found: all rows read, or a stored checkpoint carried on by the rows appended since (ADR 0019). */
  read: 'full' | 'checkpoint';
}

export interface ScanWindowsOptions {
  repairAs?: StampContext;
  /** How the files are cut into ranges (tests cut them small to prove the cuts change nothing). */
  rangeBytes?: number;
  /** A fold to carry across scans: the scan then starts from its checkpoint when it can, and stores a new one. */
  fold?: ViewFoldHooks;
  /** With `fold`: read every row all the same (the stored checkpoint is not even loaded), then store a new one. */
  fullScan?: boolean;
  /** With `fold`: how many new bytes a scan carried on from a checkpoint reads before it stores a new one (SAVE_AFTER_BYTES). */
  saveAfterBytes?: number;
}

const RANGE_BYTES = 8 << 20;
// A checkpoint is as large as the ledger's open captures (24 MB at 1M rows) and writing it costs more than reading
// a few MB of new rows again: 0.25-0.3 s against about 0.02 s at 1M rows. So a carried-on scan stores a new one only
// once this much was appended since the stored one; until then each preview reads the same new part again.
const SAVE_AFTER_BYTES = 4 << 20;
// Below this the worker's start-up costs more than the second core saves.
const WORKER_MIN_BYTES = 32 << 20;
const MAX_UNREADABLE = 100;

/**
 * Visits one view per window. Completed windows come first, from windows.jsonl alone: a window row
 * records the capacity it was finalized with, and a completed window's captures cannot change (undo
 * refuses them). Then the other windows, from their captures: one as soon as its live before and after
 * are both read (a later retraction or correction would have put them among the dead ids), then the
 * ones still open. With `fold`, a checkpoint of these steps is carried on by the new rows instead
 * (resume-window-views.ts), and a full scan is the fallback whenever it cannot be.
 */
export async function scanWindowViews(
  dataDir: string,
  visit: (view: WindowView) => void,
  options: ScanWindowsOptions = {},
): Promise<ScanWindowsResult> {
  const result: ScanWindowsResult = { windows: 0, unreadable: [], repaired: [], unrepaired: [], read: 'full' };
  const paths: LedgerPaths = {
    windows: locateLedgerFile(dataDir, LEDGER_FILES.windows),
    snapshots: locateLedgerFile(dataDir, LEDGER_FILES.snapshots),
  };
  const emit = createViewEmitter(visit, result);
  const { fold } = options;
  const stored = fold && !options.fullScan ? loadViewCheckpoint(dataDir, paths, fold.name) : null;
  const resumed = fold && stored ? resumeWindowViews(paths, stored, fold, emit) : null;
  if (resumed && stored) {
    result.read = 'checkpoint';
    // The stored completed windows were counted by the scan that folded them: one per hash.
    result.windows += stored.completed.length;
  }
  const scanned = resumed ?? (await scanAll(paths, emit, options.rangeBytes ?? RANGE_BYTES, fold));
  const { checkpoint } = scanned;
  for (const [file, mark] of [
    [LEDGER_FILES.windows, checkpoint.windows],
    [LEDGER_FILES.snapshots, checkpoint.snapshots],
  ] as const) {
    for (const lineNo of mark.unreadable)
      if (result.unreadable.length < MAX_UNREADABLE) result.unreadable.push({ file, lineNo, reason: 'not a readable row' });
  }
  repairTail(LEDGER_FILES.windows, scanned.torn.windows, dataDir, options.repairAs, result);
  repairTail(LEDGER_FILES.snapshots, scanned.torn.snapshots, dataDir, options.repairAs, result);
  const grown = stored ? checkpoint.windows.offset - stored.windows.offset + checkpoint.snapshots.offset - stored.snapshots.offset : 0;
  const moved = !resumed || grown >= (options.saveAfterBytes ?? SAVE_AFTER_BYTES);
  // Nothing folded (no ledger yet, a mistyped data dir) leaves no state behind.
  const folded = checkpoint.windows.offset > 0 || checkpoint.snapshots.offset > 0;
  if (fold && moved && folded && (fold.keep?.() ?? true)) saveViewCheckpoint(dataDir, paths, fold.name, checkpoint);
  return result;
}

/**
 * Every row of both files. Each step is shared with a worker thread: both files are cut into ranges of
 * whole lines that the two threads claim. Results are put back in file order before anything is decided
 * from them, so the views are those of a single pass. The checkpoint is built on the way (with no fold,
 * the fold state is simply absent).
 */
async function scanAll(
  paths: LedgerPaths,
  emit: (key: WindowKey, view: ViewParts) => void,
  rangeBytes: number,
  fold: ViewFoldHooks | undefined,
): Promise<{ checkpoint: ViewCheckpoint; torn: { windows: boolean; snapshots: boolean } }> {
  // One size for both passes over windows.jsonl: a retraction appended between two looks would be past the stored
  // offset without being in the dead set (each pass has its own claim counter).
  const windows = planRanges(paths.windows, rangeBytes);
  const plan: ScanPlan = {
    changers: windows,
    completions: { ...windows, next: new Int32Array(new SharedArrayBuffer(4)) },
    snapshots: planRanges(paths.snapshots, rangeBytes),
  };
  const { snapshots } = plan;
  const helper = startScanHelper(plan, plan.completions.size + snapshots.size >= WORKER_MIN_BYTES);
  try {
    const completions = await readCompletedWindows(plan, helper);
    const { table } = completions;
    const theirRows = helper.snapshots(table.keys.share());
    table.forEach((key, done) => {
      emit(key, toCompletedView(done));
    });
    const state = fold?.save();
    table.releaseValues();
    const ranges = mergeRanges(
      claimRanges(snapshots, (range) => readSnapshotRows(snapshots.path, range, table.keys)),
      await theirRows,
    );
    const dead = collectChangedIds(ranges.flatMap((range) => range.changers));
    const kept = ranges.flatMap((range) => range.kept).filter((fields) => !(dead.size > 0 && dead.has(fields.id)));
    const open = createOpenWindows(emit);
    for (const fields of kept) open.add(fields);
    open.finish();
    return {
      checkpoint: {
        windows: markParts(plan.completions, completions.parts, [...completions.dead]),
        snapshots: markParts(snapshots, ranges, [...dead]),
        completed: Int32Array.from(listKeyHashes(table.keys)).sort(),
        kept,
        state,
      },
      torn: { windows: completions.parts.some((part) => part.tail), snapshots: ranges.some((range) => range.tail) },
    };
  } finally {
    helper.stop();
  }
}

/**
 * The completed windows, from windows.jsonl: this thread reads ranges from the first on into one table, the
 * helper ranges from the last back (with no worker, this thread reads them all); the helper's tables are
 * merged after this thread's, in file order. Retractions and corrections sit in the file of the rows they
 * change, after them: all of them are found first.
 */
async function readCompletedWindows(
  plan: ScanPlan,
  helper: ScanHelper,
): Promise<{ table: CompletionTable; dead: Set<string>; parts: Omit<CompletionPart, 'table'>[] }> {
  const { changers: changerPlan, completions: rowPlan } = plan;
  const myChangers = claimRanges(changerPlan, (range) => findChangers(changerPlan.path, range));
  // A worker still starting up claims none: then there is nothing to wait for.
  const changers = mergeRanges(myChangers, myChangers.length < countRanges(changerPlan) ? await helper.changers() : []);
  const dead = collectChangedIds(changers.flat());
  const theirs = helper.completions(dead);
  const table = new CompletionTable(estimateWindows(rowPlan.size));
  const mine = claimRangesFromEnd(rowPlan, 'first', (range) => readCompletions(rowPlan.path, range, dead, table));
  const later = (await theirs).sort((a, b) => a.index - b.index);
  for (const { result: part } of later) table.addTable(part.table);
  return { table, dead, parts: mergeRanges<Omit<CompletionPart, 'table'>>(mine, later) };
}

/** Where a whole file's scan stopped: its unreadable lines numbered across the file, up to the last whole line. */
function markParts(plan: RangePlan, parts: MarkedPart[], dead: string[]): FileMark {
  const unreadable: number[] = [];
  const hashes: (number | null)[] = [];
  let lines = 0;
  for (const part of parts) {
    part.unreadable.forEach((lineNo, at) => {
      if (unreadable.length >= MAX_UNREADABLE) return;
      unreadable.push(lines + lineNo);
      hashes.push(part.unreadableHashes?.[at] ?? null);
    });
    lines += part.lines;
  }
  const torn = parts.find((part) => part.tail !== null)?.tail;
  const mark = { offset: torn?.offset ?? plan.size, lines, unreadable, dead };
  return parts.some((part) => part.unreadableHashes) ? { ...mark, unreadableHashes: hashes } : mark;
}

/** What markParts reads of a range's scan (snapshot ranges also know whose unreadable lines were whose). */
type MarkedPart = { lines: number; unreadable: number[]; unreadableHashes?: (number | null)[]; tail: { offset: number } | null };

function repairTail(file: LedgerFile, torn: boolean, dataDir: string, repairAs: StampContext | undefined, result: ScanWindowsResult): void {
  if (!torn || !repairAs) return;
  const attempt = tryRepairTornTail(dataDir, file, repairAs);
  if (attempt.repaired) result.repaired.push(attempt.repaired);
  if (attempt.unrepaired) result.unrepaired.push(attempt.unrepaired);
}
