// Streams every window of the ledger as a compact view, with memory bounded by open windows, for previews.
import type { Capacity, Outcome } from '../schemas/index.js';
import type { StampContext } from '../stamp-row.js';
import type { TornTailRepair } from '../store/append-rows.js';
import { LEDGER_FILES, ledgerPath, type LedgerFile } from '../store/data-dir.js';
import { collectDeadIds, type FoldableRow } from '../store/fold-rows.js';
import { readLines } from '../store/read-lines.js';
import { scanLedger, type UnreadableLine } from '../store/scan-ledger.js';
import { repairTornTail } from '../store/append-rows.js';
import { computeCapacity, type CapacityPoint } from './compute-capacity.js';
import { readCompletionFields, readSnapshotFields, type CompletionFields } from './read-row-fields.js';

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
}

/** What a completion contributes to a view; kept per window until its captures are read. */
interface Completion {
  quality: number;
  outcome: Outcome;
  featureId: string | null;
}

interface OpenWindow {
  agentId: string;
  provider: string;
  windowId: string;
  before: CapacityPoint | null;
  after: CapacityPoint | null;
}

const MAX_REPORTED_UNREADABLE = 100;
const CHANGERS = ['"kind":"retraction"', '"supersedes":'];

/**
 * Visits one view per window: a window as soon as its live before and after have both been read (once
 * both are live, later rows cannot change them: a retraction or correction would have made them dead),
 * then the windows still open, in the order they were opened. Passes: ids made dead by retractions or
 * corrections (found by byte search, so only those rows are parsed), completions, then captures.
 */
export function scanWindowViews(
  dataDir: string,
  visit: (view: WindowView) => void,
  options: { repairAs?: StampContext } = {},
): ScanWindowsResult {
  const unreadable: UnreadableLine[] = [];
  const repaired: TornTailRepair[] = [];
  const changers: FoldableRow[] = [];
  for (const file of [LEDGER_FILES.snapshots, LEDGER_FILES.windows]) {
    scanLedger(dataDir, file, (row) => changers.push(row as unknown as FoldableRow), { needles: CHANGERS, match: 'any' });
  }
  const dead = collectDeadIds(changers);
  const readFile = <T>(file: LedgerFile, read: (line: string) => T | null | undefined, use: (fields: T) => void): void => {
    const result = readLines(
      ledgerPath(dataDir, file),
      ({ text, lineNo }) => {
        const fields = read(text);
        if (fields === undefined) {
          if (unreadable.length < MAX_REPORTED_UNREADABLE) unreadable.push({ file, lineNo, reason: 'not a readable row' });
        } else if (fields !== null) {
          use(fields);
        }
      },
      { encoding: 'latin1' },
    );
    if (result.tail && options.repairAs) {
      const repair = repairTornTail(dataDir, file, options.repairAs);
      if (repair) repaired.push(repair);
    }
  };

  const completions = new Map<string, Completion>();
  readFile(LEDGER_FILES.windows, readCompletionFields, (fields: CompletionFields) => {
    if (dead.has(fields.id)) return;
    const featureId = fields.featureId === null ? null : copyString(fields.featureId);
    completions.set(copyString(keyOf(fields)), { quality: fields.quality, outcome: fields.outcome, featureId });
  });

  let windows = 0;
  const emit = (key: string, entry: OpenWindow): void => {
    const completion = completions.get(key);
    completions.delete(key);
    const computed = entry.before && entry.after ? computeCapacity(entry.before, entry.after) : null;
    windows += 1;
    // Spelled out: an object spread here cost a third of the whole scan over a 1M-row ledger.
    visit({
      agentId: entry.agentId,
      provider: entry.provider,
      windowId: entry.windowId,
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
  const open = new Map<string, OpenWindow>();
  readFile(LEDGER_FILES.snapshots, readSnapshotFields, (fields) => {
    if (dead.size > 0 && dead.has(fields.id)) return;
    const key = keyOf(fields);
    let entry = open.get(key);
    if (!entry) {
      entry = { agentId: fields.agentId, provider: fields.provider, windowId: fields.windowId, before: null, after: null };
      open.set(key, entry);
    }
    entry[fields.phase] = fields.point;
    if (entry.before && entry.after) {
      open.delete(key);
      emit(key, entry);
    }
  });
  for (const [key, entry] of open) emit(key, entry);
  return { windows, unreadable, repaired };
}

function keyOf(fields: { agentId: string; provider: string; windowId: string }): string {
  return `${fields.agentId}\u0000${fields.provider}\u0000${fields.windowId}`;
}

/**
 * A copy that does not pin its source: V8 represents a slice of 13+ characters as a view into the
 * whole line it came from, so a kept field would keep the ~600-byte line alive. Concatenating and
 * re-slicing forces a new flat string of about the field's own length.
 */
function copyString(value: string): string {
  return ` ${value}`.slice(1);
}
