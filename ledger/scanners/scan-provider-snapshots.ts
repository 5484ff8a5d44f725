// One pass over snapshots.jsonl for a capture, from where the last capture of the agent stopped: its windows, others' spans, resets.
import type { Bars } from '../schemas/index.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import type { FoldableRow } from '../store/fold-rows.js';
import { locateLedgerFile } from '../store/locate-ledger-file.js';
import { scanLedger } from '../store/scan-ledger.js';
import { applyCaptureRow, createCaptureFold, listSpanRows, type CaptureFold } from './capture-fold.js';
import { loadCheckpoint, saveCheckpoint, type Checkpoint } from './capture-checkpoint.js';
import type { FoldInput, SkippedRowHandler } from '../windows/fold-agent-windows.js';
import { findCaptureHorizon, pruneCaptureFold } from './prune-capture-fold.js';
import { resumeCompletions } from './resume-completions.js';

export interface ProviderSnapshots {
  /** The agent's snapshot rows for the provider, checked against their schemas and folded (for the window fold). */
  own: FoldInput[];
  /** Other agents' current snapshot rows for the provider, at least those a window from `horizon` on can overlap. */
  all: (FoldableRow & Record<string, unknown>)[];
  /** The provider's readings (statusline, proxy, quota), at least every one taken from `horizon` on (for the reset buffer). */
  readings: { at: number; bars: Bars }[];
  /** Null: nothing was left out. A time: `all` and `readings` answer only for windows whose `before` is at or after it. */
  horizon: number | null;
  /** The agent's rows of windows.jsonl for the provider (completions, corrections, retractions), folded. */
  completions: FoldInput[];
}

export interface ScanOptions {
  /** The capture's time: with it, what no window from the earliest open `before` (or it) on can read is pruned. */
  capturedAt?: Date;
  /** False: read the whole file and leave the checkpoint alone (the reference the checkpoint is tested against). */
  checkpoint?: boolean;
}

/**
 * The capture rules once read the file three times under the lock, then once in full. Now a checkpoint per agent and
 * provider (state/capture/) holds the fold up to an offset, and only the rows appended since are read: the file is
 * append-only and every append takes the lock this runs under. Whenever the checkpoint is in doubt (another file, a
 * shorter one, a different line before the offset, a row naming something pruned), the whole file is read instead.
 */
export function scanProviderSnapshots(
  dataDir: string,
  agentId: string,
  provider: string,
  onSkipped: SkippedRowHandler = () => {},
  options: ScanOptions = {},
): ProviderSnapshots {
  // The path actually read: with PostgreSQL, the local copy (append-only too), refreshed once here.
  const path = locateLedgerFile(dataDir, LEDGER_FILES.snapshots);
  const useCheckpoint = options.checkpoint !== false;
  const capturedAt = options.capturedAt?.getTime() ?? Number.NaN;
  let checkpoint = useCheckpoint ? resumeCheckpoint(dataDir, path, agentId, provider) : null;
  // A horizon already above this capture's needs cannot be lowered again: only a full read has the rows it dropped.
  if (checkpoint?.fold.horizon != null && !(findCaptureHorizon(checkpoint.fold, capturedAt) >= checkpoint.fold.horizon)) {
    checkpoint = null;
  }
  checkpoint ??= foldFrom(dataDir, path, createCaptureFold(agentId, provider), { offset: 0, lineNo: 0 });
  const { fold } = checkpoint;
  // As the full scan reports them: snapshots.jsonl's skipped rows, then windows.jsonl's.
  for (const skipped of fold.skipped) onSkipped(skipped);
  const completions = resumeCompletions(dataDir, agentId, provider, useCheckpoint ? checkpoint.completions : null, onSkipped);
  if (useCheckpoint) {
    pruneCaptureFold(fold, findCaptureHorizon(fold, capturedAt));
    saveCheckpoint(dataDir, path, { ...checkpoint, completions: completions.stored });
  }
  return {
    own: [...fold.own.values()],
    all: listSpanRows(fold),
    readings: fold.readings,
    horizon: fold.horizon,
    completions: completions.rows,
  };
}

/** The stored fold carried up to the end of the file, or null when there is none or it cannot be carried. */
function resumeCheckpoint(dataDir: string, path: string, agentId: string, provider: string): Checkpoint | null {
  const stored = loadCheckpoint(dataDir, path, agentId, provider);
  if (!stored) return null;
  const resumed = foldFrom(dataDir, path, stored.fold, stored.from);
  return resumed.fold.stale ? null : { ...resumed, completions: stored.completions };
}

/** Folds the rows from `from` to the last complete line into `fold`. */
function foldFrom(dataDir: string, path: string, fold: CaptureFold, from: Checkpoint['from']): Checkpoint {
  const result = scanLedger(dataDir, LEDGER_FILES.snapshots, (row, lineNo) => applyCaptureRow(fold, row, lineNo), {
    // Loose enough for hand-formatted rows (`"provider": "codex"`); fields are checked after parsing.
    needles: [JSON.stringify(fold.provider)],
    path,
    from,
  });
  return { fold, from: { offset: result.end, lineNo: result.lines }, completions: null };
}
