// Streams every window of the ledger as a compact view, with memory bounded by the windows it holds, for previews.
import type { Capacity, Outcome } from '../schemas/index.js';
import type { StampContext } from '../stamp-row.js';
import { tryRepairTornTail, type TornTailRepair } from '../store/append-rows.js';
import { LEDGER_FILES, resolveLedgerPath, type LedgerFile } from '../store/data-dir.js';
import { findLinesContaining } from '../store/find-lines.js';
import { findLinesContainingInWorker } from '../store/find-lines-worker.js';
import { collectDeadIds, type FoldableRow } from '../store/fold-rows.js';
import { readChunks } from '../store/read-chunks.js';
import type { UnreadableLine } from '../store/scan-ledger.js';
import { CompletionTable } from './completion-table.js';
import { computeCapacity, type CapacityPoint } from './compute-capacity.js';
import { createCompletionReader } from './read-completion-fields.js';
import { createSnapshotReader } from './read-snapshot-fields.js';
import { splitWindowKey, type LineReader, type WindowKey } from './row-head.js';

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

interface OpenWindow {
  before: CapacityPoint | null;
  after: CapacityPoint | null;
  source: string;
}

const MAX_REPORTED_UNREADABLE = 100;
// Loose on purpose (a hand-formatted row may have spaces after colons); parsing decides what the row is.
const CHANGERS = ['retraction"', 'supersedes"'];

/**
 * Visits one view per window. Completed windows come first, from windows.jsonl alone: a window row
 * records the capacity it was finalized with, and a completed window's captures cannot change (undo
 * refuses them). Then the other windows, from their captures: one as soon as its live before and after
 * are both read (a later retraction or correction would have put them among the dead ids), then the
 * ones still open. Snapshot rows of completed windows are left after their key is read.
 */
export async function scanWindowViews(
  dataDir: string,
  visit: (view: WindowView) => void,
  options: { repairAs?: StampContext } = {},
): Promise<ScanWindowsResult> {
  const result: ScanWindowsResult = { windows: 0, unreadable: [], repaired: [], unrepaired: [] };
  // Retractions and corrections sit in the file of the rows they change. The snapshot file's are searched
  // on a worker thread while this one reads the windows file; they are first needed for the snapshots.
  const snapshotChangers = findLinesContainingInWorker(resolveLedgerPath(dataDir, LEDGER_FILES.snapshots), CHANGERS);
  snapshotChangers.catch(() => {});
  let dead = collectDeadIds(findLinesContaining(resolveLedgerPath(dataDir, LEDGER_FILES.windows), CHANGERS).flatMap(({ text }) => parseChanger(text)));
  const readFile = <T extends { id: string }>(file: LedgerFile, createReader: (text: string, decode: (start: number, end: number) => string) => LineReader<T>, use: (fields: T) => void): void => {
    let lineNo = 0;
    const read = readChunks(resolveLedgerPath(dataDir, file), ({ text, bytes }) => {
      const readLine = createReader(text, (start, end) => bytes.toString('utf8', start, end));
      for (let start = 0, end = text.indexOf('\n'); end !== -1; start = end + 1, end = text.indexOf('\n', start)) {
        lineNo += 1;
        if (end === start) continue;
        const fields = readLine(start, end);
        if (fields === undefined) {
          if (result.unreadable.length < MAX_REPORTED_UNREADABLE) result.unreadable.push({ file, lineNo, reason: 'not a readable row' });
        } else if (fields !== null && !(dead.size > 0 && dead.has(fields.id))) {
          use(fields);
        }
      }
    });
    if (read.tail && options.repairAs) {
      const attempt = tryRepairTornTail(dataDir, file, options.repairAs);
      if (attempt.repaired) result.repaired.push(attempt.repaired);
      if (attempt.unrepaired) result.unrepaired.push(attempt.unrepaired);
    }
  };
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

  const completions = new CompletionTable();
  readFile(LEDGER_FILES.windows, createCompletionReader, (fields) => completions.set(copyString(fields.key), fields));
  completions.forEach((key, done) => {
    emit(key, { before: null, after: null, capacity: done.capacity, errors: done.errors, completed: true, source: done.source, quality: done.quality, outcome: done.outcome, featureId: done.featureId });
  });
  completions.releaseValues();

  dead = collectDeadIds((await snapshotChangers).flatMap(({ text }) => parseChanger(text)));
  const emitOpen = (key: WindowKey, entry: OpenWindow): void => {
    const computed = entry.before && entry.after ? computeCapacity(entry.before, entry.after) : null;
    const capacity = computed?.capacity ?? null;
    emit(key, { before: entry.before, after: entry.after, capacity, errors: computed?.errors ?? [], completed: false, source: entry.source, quality: null, outcome: null, featureId: null });
  };
  const open = new Map<WindowKey, OpenWindow>();
  const createReader = (text: string, decode: (start: number, end: number) => string) => createSnapshotReader(text, decode, (key) => completions.has(key));
  readFile(LEDGER_FILES.snapshots, createReader, (fields) => {
    let entry = open.get(fields.key);
    if (!entry) {
      entry = { before: null, after: null, source: fields.source };
      open.set(copyString(fields.key), entry);
    }
    entry[fields.phase] = fields.point;
    if (fields.phase === 'before') entry.source = fields.source;
    if (entry.before && entry.after) {
      open.delete(fields.key);
      emitOpen(fields.key, entry);
    }
  });
  for (const [key, entry] of open) emitOpen(key, entry);
  return result;
}

function parseChanger(line: string): FoldableRow[] {
  try {
    const row = JSON.parse(line) as FoldableRow;
    return typeof row === 'object' && row !== null && typeof row.id === 'string' ? [row] : [];
  } catch {
    return [];
  }
}

/**
 * A copy that does not pin its source: V8 represents a slice of 13+ characters as a view into the
 * string it came from (here a 1 MiB chunk), so a kept field would keep the whole chunk alive.
 * Concatenating and re-slicing forces a new flat string of about the field's own length.
 */
function copyString(value: string): string {
  return ` ${value}`.slice(1);
}
