// Streams every window of the ledger as a compact view, with bounded memory, for previews and reports.
import type { Capacity, Outcome } from '../schemas/index.js';
import type { StampContext } from '../stamp-row.js';
import { LEDGER_FILES, type LedgerFile } from '../store/data-dir.js';
import { collectDeadIds, type FoldableRow } from '../store/fold-rows.js';
import { scanLedger, type UnreadableLine } from '../store/scan-ledger.js';
import type { TornTailRepair } from '../store/append-rows.js';
import { computeCapacity, toCapacityPoint, type CapacityPoint } from './compute-capacity.js';

export interface WindowView {
  agentId: string;
  provider: string;
  windowId: string;
  before: CapacityPoint | null;
  after: CapacityPoint | null;
  capacity: Capacity | null;
  /** Data problems: capacity errors plus those recorded at completion. */
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

interface Completion {
  quality: number;
  outcome: Outcome;
  featureId: string | null;
  errors: string[];
}

interface Captures {
  agentId: string;
  provider: string;
  windowId: string;
  before: CapacityPoint | null;
  after: CapacityPoint | null;
}

/**
 * Visits one view per window, in the order windows were opened. Three streaming passes keep memory to a
 * few numbers per window: ids removed by retractions or corrections (found by byte search, so the pass
 * parses only those rows), then completions, then captures.
 */
export function scanWindowViews(
  dataDir: string,
  visit: (view: WindowView) => void,
  options: { repairAs?: StampContext } = {},
): ScanWindowsResult {
  const unreadable: UnreadableLine[] = [];
  const repaired: TornTailRepair[] = [];
  const scan = (file: LedgerFile, onRow: (row: Record<string, unknown>) => void, needles?: string[]): void => {
    const result = scanLedger(dataDir, file, onRow, {
      ...(needles ? { needles } : {}),
      ...(needles || !options.repairAs ? {} : { repairAs: options.repairAs }),
    });
    if (!needles) {
      unreadable.push(...result.unreadable);
      if (result.repaired) repaired.push(result.repaired);
    }
  };

  const changers: FoldableRow[] = [];
  for (const file of [LEDGER_FILES.snapshots, LEDGER_FILES.windows]) {
    scan(file, (row) => changers.push(row as unknown as FoldableRow), ['"kind":"retraction"']);
    scan(file, (row) => changers.push(row as unknown as FoldableRow), ['"supersedes":']);
  }
  const dead = collectDeadIds(changers);

  const completions = new Map<string, Completion>();
  scan(LEDGER_FILES.windows, (row) => {
    if (row.kind !== 'window' || dead.has(row.id as string)) return;
    completions.set(keyOf(row), {
      quality: row.quality_score as number,
      outcome: row.outcome as Outcome,
      featureId: (row.feature_id as string | null) ?? null,
      errors: (row.errors as string[]) ?? [],
    });
  });

  const captures = new Map<string, Captures>();
  scan(LEDGER_FILES.snapshots, (row) => {
    if (row.kind !== 'snapshot' || dead.has(row.id as string) || typeof row.captured_at !== 'string') return;
    const key = keyOf(row);
    let entry = captures.get(key);
    if (!entry) {
      entry = { agentId: row.agent_id as string, provider: row.provider as string, windowId: row.window_id as string, before: null, after: null };
      captures.set(key, entry);
    }
    const point = toCapacityPoint(row as Parameters<typeof toCapacityPoint>[0]);
    if (row.phase === 'before') entry.before = point;
    else if (row.phase === 'after') entry.after = point;
  });

  for (const [key, entry] of captures) {
    const completion = completions.get(key);
    const computed = entry.before && entry.after ? computeCapacity(entry.before, entry.after) : null;
    const errors = [...new Set([...(computed?.errors ?? []), ...(completion?.errors ?? [])])];
    visit({
      ...entry,
      capacity: computed?.capacity ?? null,
      errors,
      completed: completion !== undefined,
      quality: completion?.quality ?? null,
      outcome: completion?.outcome ?? null,
      featureId: completion?.featureId ?? null,
    });
  }
  return { windows: captures.size, unreadable, repaired };
}

function keyOf(row: Record<string, unknown>): string {
  return `${String(row.agent_id)}\u0000${String(row.provider)}\u0000${String(row.window_id)}`;
}
