// Streams every window of the ledger as a compact view, with memory bounded by the windows it holds, for previews.
import type { Capacity, Outcome } from '../schemas/index.js';
import type { StampContext } from '../stamp-row.js';
import { tryRepairTornTail, type TornTailRepair } from '../store/append-rows.js';
import { claimRanges, claimRangesFromEnd, countRanges, mergeRanges, planRanges } from '../store/claim-ranges.js';
import { LEDGER_FILES, type LedgerFile } from '../store/data-dir.js';
import { locateLedgerFile } from '../store/locate-ledger-file.js';
import type { FoundLine } from '../store/find-lines.js';
import { collectDeadIds, type FoldableRow } from '../store/fold-rows.js';
import type { UnreadableLine } from '../store/scan-ledger.js';
import { CompletionTable, estimateWindows } from './completion-table.js';
import type { CapacityPoint } from './compute-capacity.js';
import { createOpenWindows } from './open-windows.js';
import { readCompletions, type CompletionPart } from './read-completions.js';
import { splitWindowKey, type WindowKey } from './row-head.js';
import { startScanHelper, type ScanHelper, type ScanPlan } from './scan-helper.js';
import { findChangers } from './scan-line-range.js';
import { readSnapshotRows } from './snapshot-rows.js';

export interface WindowView {
  agentId: string;
  provider: string;
  windowId: string;
  /** The captures, for windows not yet completed (a completed window carries its capacity instead). */
  before: CapacityPoint | null;
  after: CapacityPoint | null;
  capacity: Capacity | null;
  /** Data problems of the capacity: negative-delta, reset-crossed, no-common-unit. */
  errors: string[];
  completed: boolean;
  /** Who wrote it: the completion's writer, or for an open window its before's (manual, alias, automation, ...). */
  source: string;
  quality: number | null;
  outcome: Outcome | null;
  featureId: string | null;
}

export interface ScanWindowsResult {
  windows: number;
  unreadable: UnreadableLine[];
  repaired: TornTailRepair[];
  /** Torn tails that could not be repaired, and why. */
  unrepaired: string[];
}

export interface ScanWindowsOptions {
  repairAs?: StampContext;
  /** How the files are cut into ranges (tests cut them small to prove the cuts change nothing). */
  rangeBytes?: number;
}

const RANGE_BYTES = 8 << 20;
// Below this the worker's start-up costs more than the second core saves.
const WORKER_MIN_BYTES = 32 << 20;
const MAX_UNREADABLE = 100;

/**
 * Visits one view per window. Completed windows come first, from windows.jsonl alone: a window row
 * records the capacity it was finalized with, and a completed window's captures cannot change (undo
 * refuses them). Then the other windows, from their captures: one as soon as its live before and after
 * are both read (a later retraction or correction would have put them among the dead ids), then the
 * ones still open. Snapshot rows of completed windows are left after their key is read.
 *
 * Each step is shared with a worker thread: both files are cut into ranges of whole lines that the two
 * threads claim. Results are put back in file order before anything is decided from them, so the views
 * are those of a single pass.
 */
export async function scanWindowViews(
  dataDir: string,
  visit: (view: WindowView) => void,
  options: ScanWindowsOptions = {},
): Promise<ScanWindowsResult> {
  const result: ScanWindowsResult = { windows: 0, unreadable: [], repaired: [], unrepaired: [] };
  const rangeBytes = options.rangeBytes ?? RANGE_BYTES;
  const windowsPath = locateLedgerFile(dataDir, LEDGER_FILES.windows);
  const plan: ScanPlan = {
    changers: planRanges(windowsPath, rangeBytes),
    completions: planRanges(windowsPath, rangeBytes),
    snapshots: planRanges(locateLedgerFile(dataDir, LEDGER_FILES.snapshots), rangeBytes),
  };
  const { snapshots } = plan;
  const helper = startScanHelper(plan, plan.completions.size + snapshots.size >= WORKER_MIN_BYTES);
  const emit = (key: WindowKey, view: Omit<WindowView, 'agentId' | 'provider' | 'windowId'>): void => {
    result.windows += 1;
    const { agentId, provider, windowId } = splitWindowKey(key);
    // Spelled out: an object spread on this path cost a third of the whole scan over a 1M-row ledger.
    visit({
      agentId,
      provider,
      windowId,
      before: view.before,
      after: view.after,
      capacity: view.capacity,
      errors: view.errors,
      completed: view.completed,
      source: view.source,
      quality: view.quality,
      outcome: view.outcome,
      featureId: view.featureId,
    });
  };
  try {
    const completions = await readCompletedWindows(plan, helper, dataDir, options.repairAs, result);
    const theirRows = helper.snapshots(completions.keys.share());
    completions.forEach((key, done) => {
      emit(key, {
        before: null,
        after: null,
        capacity: done.capacity,
        errors: done.errors,
        completed: true,
        source: done.source,
        quality: done.quality,
        outcome: done.outcome,
        featureId: done.featureId,
      });
    });
    completions.releaseValues();
    const ranges = mergeRanges(
      claimRanges(snapshots, (range) => readSnapshotRows(snapshots.path, range, completions.keys)),
      await theirRows,
    );
    const dead = collectDead(ranges.flatMap((range) => range.changers));
    const open = createOpenWindows((key, view) => emit(key, view));
    for (const range of ranges) {
      for (const fields of range.kept) if (!(dead.size > 0 && dead.has(fields.id))) open.add(fields);
    }
    noteUnreadable(LEDGER_FILES.snapshots, ranges, result);
    repairTail(
      LEDGER_FILES.snapshots,
      ranges.some((range) => range.tail),
      dataDir,
      options.repairAs,
      result,
    );
    open.finish();
  } finally {
    helper.stop();
  }
  return result;
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
  dataDir: string,
  repairAs: StampContext | undefined,
  result: ScanWindowsResult,
): Promise<CompletionTable> {
  const { changers: changerPlan, completions: rowPlan } = plan;
  const myChangers = claimRanges(changerPlan, (range) => findChangers(changerPlan.path, range));
  // A worker still starting up claims none: then there is nothing to wait for.
  const changers = mergeRanges(myChangers, myChangers.length < countRanges(changerPlan) ? await helper.changers() : []);
  const dead = collectDead(changers.flat());
  const theirs = helper.completions(dead);
  const table = new CompletionTable(estimateWindows(rowPlan.size));
  const mine = claimRangesFromEnd(rowPlan, 'first', (range) => readCompletions(rowPlan.path, range, dead, table));
  const later = (await theirs).sort((a, b) => a.index - b.index);
  for (const { result: part } of later) table.addTable(part.table);
  const parts = mergeRanges<Omit<CompletionPart, 'table'>>(mine, later);
  noteUnreadable(LEDGER_FILES.windows, parts, result);
  repairTail(
    LEDGER_FILES.windows,
    parts.some((part) => part.tail),
    dataDir,
    repairAs,
    result,
  );
  return table;
}

function collectDead(changers: FoundLine[]): Set<string> {
  return collectDeadIds(changers.flatMap(({ text }) => parseChanger(text)));
}

/** Unreadable lines, numbered across the whole file, up to MAX_UNREADABLE for the whole scan. */
function noteUnreadable(file: LedgerFile, ranges: { lines: number; unreadable: number[] }[], result: ScanWindowsResult): void {
  let before = 0;
  for (const range of ranges) {
    for (const lineNo of range.unreadable) {
      if (result.unreadable.length < MAX_UNREADABLE)
        result.unreadable.push({ file, lineNo: before + lineNo, reason: 'not a readable row' });
    }
    before += range.lines;
  }
}

function repairTail(file: LedgerFile, torn: boolean, dataDir: string, repairAs: StampContext | undefined, result: ScanWindowsResult): void {
  if (!torn || !repairAs) return;
  const attempt = tryRepairTornTail(dataDir, file, repairAs);
  if (attempt.repaired) result.repaired.push(attempt.repaired);
  if (attempt.unrepaired) result.unrepaired.push(attempt.unrepaired);
}

function parseChanger(line: string): FoldableRow[] {
  try {
    const row = JSON.parse(line) as FoldableRow;
    return typeof row === 'object' && row !== null && typeof row.id === 'string' ? [row] : [];
  } catch {
    return [];
  }
}
