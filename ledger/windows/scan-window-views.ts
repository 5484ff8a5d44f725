// Streams every window of the ledger as a compact view, with memory bounded by open windows, for previews.
import type { Capacity, Outcome } from '../schemas/index.js';
import type { StampContext } from '../stamp-row.js';
import type { TornTailRepair } from '../store/append-rows.js';
import { LEDGER_FILES, resolveLedgerPath, type LedgerFile } from '../store/data-dir.js';
import { collectDeadIds, type FoldableRow } from '../store/fold-rows.js';
import { findLinesContaining } from '../store/find-lines.js';
import { readChunks } from '../store/read-chunks.js';
import type { UnreadableLine } from '../store/scan-ledger.js';
import { tryRepairTornTail } from '../store/append-rows.js';
import { CompletionTable } from './completion-table.js';
import { computeCapacity, type CapacityPoint } from './compute-capacity.js';
import {
  createCompletionReader,
  createSnapshotReader,
  splitWindowKey,
  type CompletionFields,
  type LineReader,
  type SnapshotFields,
  type WindowKey,
} from './read-row-fields.js';

export interface WindowView {
  agentId: string;
  provider: string;
  windowId: string;
  before: CapacityPoint | null;
  after: CapacityPoint | null;
  capacity: Capacity | null;
  /** Data problems of the capacity: negative-delta, reset-crossed, no-common-unit. */
  errors: string[];
  completed: boolean;
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
}

const MAX_REPORTED_UNREADABLE = 100;
// Loose on purpose (a hand-formatted row may have spaces after colons); parsing decides what the row is.
const CHANGERS = ['retraction"', 'supersedes"'];

/**
 * Visits one view per window: a window as soon as its live before and after have both been read (once
 * both are live, later rows cannot change them: a retraction or correction would have made them dead),
 * then the windows still open, in the order they were opened. Passes: ids made dead by retractions or
 * corrections (found by substring search, so only those rows are parsed), completions, then captures.
 */
export function scanWindowViews(
  dataDir: string,
  visit: (view: WindowView) => void,
  options: { repairAs?: StampContext } = {},
): ScanWindowsResult {
  const unreadable: UnreadableLine[] = [];
  const repaired: TornTailRepair[] = [];
  const unrepaired: string[] = [];
  const dead = collectDeadIds(
    [LEDGER_FILES.snapshots, LEDGER_FILES.windows].flatMap((file) =>
      findLinesContaining(resolveLedgerPath(dataDir, file), CHANGERS).flatMap(({ text }) => parseChanger(text)),
    ),
  );
  const readFile = <T extends { id: string }>(
    file: LedgerFile,
    createReader: (text: string, decode: (start: number, end: number) => string) => LineReader<T>,
    use: (fields: T) => void,
  ): void => {
    let lineNo = 0;
    const result = readChunks(resolveLedgerPath(dataDir, file), ({ text, bytes }) => {
      const read = createReader(text, (start, end) => bytes.toString('utf8', start, end));
      for (let start = 0, end = text.indexOf('\n'); end !== -1; start = end + 1, end = text.indexOf('\n', start)) {
        lineNo += 1;
        if (end === start) continue;
        const fields = read(start, end);
        if (fields === undefined) {
          if (unreadable.length < MAX_REPORTED_UNREADABLE) unreadable.push({ file, lineNo, reason: 'not a readable row' });
        } else if (fields !== null && !(dead.size > 0 && dead.has(fields.id))) {
          use(fields);
        }
      }
    });
    if (result.tail && options.repairAs) {
      const attempt = tryRepairTornTail(dataDir, file, options.repairAs);
      if (attempt.repaired) repaired.push(attempt.repaired);
      if (attempt.unrepaired) unrepaired.push(attempt.unrepaired);
    }
  };

  const completions = new CompletionTable();
  readFile<CompletionFields>(LEDGER_FILES.windows, createCompletionReader, (fields) => {
    const featureId = fields.featureId === null ? null : copyString(fields.featureId);
    completions.set(copyString(fields.key), { quality: fields.quality, outcome: fields.outcome, featureId });
  });

  let windows = 0;
  const emit = (key: WindowKey, entry: OpenWindow): void => {
    const completion = completions.take(key);
    const computed = entry.before && entry.after ? computeCapacity(entry.before, entry.after) : null;
    const { agentId, provider, windowId } = splitWindowKey(key);
    windows += 1;
    // Spelled out: an object spread here cost a third of the whole scan over a 1M-row ledger.
    visit({
      agentId,
      provider,
      windowId,
      before: entry.before,
      after: entry.after,
      capacity: computed?.capacity ?? null,
      errors: computed?.errors ?? [],
      completed: completion !== undefined,
      quality: completion?.quality ?? null,
      outcome: completion?.outcome ?? null,
      featureId: completion?.featureId ?? null,
    });
  };
  const open = new Map<WindowKey, OpenWindow>();
  readFile<SnapshotFields>(LEDGER_FILES.snapshots, createSnapshotReader, (fields) => {
    let entry = open.get(fields.key);
    if (!entry) {
      entry = { before: null, after: null };
      open.set(copyString(fields.key), entry);
    }
    entry[fields.phase] = fields.point;
    if (entry.before && entry.after) {
      open.delete(fields.key);
      emit(fields.key, entry);
    }
  });
  for (const [key, entry] of open) emit(key, entry);
  return { windows, unreadable, repaired, unrepaired };
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
