// Takes back whatever is still live of a cut-short attempt's window (its after, its before), in one locked append.
import { RetractionRowSchema, type RetractionRow, type SnapshotRow } from '../schemas/index.js';
import { appendRows } from '../store/append-rows.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { type StampContext, stampRow } from '../store/stamp-row.js';
import { foldAgentWindows, hasCaptures, type SkippedRowHandler } from './fold-agent-windows.js';

export interface RetractAttemptRequest {
  provider: string;
  windowId: string;
  reason: string;
  /** The attempt's account gave its charges back (RetractionRow's `given_back`). */
  givenBack?: boolean;
  onSkippedRow?: SkippedRowHandler;
}

/**
 * Settles an attempt whatever state it was left in: a before alone, a before and an after, or an after whose before
 * is gone. What is decided under the ledger's lock is what is still live then, so two processes settling the same
 * attempt (a worker taking an arm over while the worker that lost it retracts its own captures) each
 * retract only what the other has not: the one that comes second finds nothing and writes nothing, never an error.
 * `undoCapture` (the `tracker undo` of one phase a person asked for) keeps refusing a phase that is not there.
 * A completed window is not an attempt to take back: nothing is retracted. Returns the captures retracted.
 */
export function retractAttempt(dataDir: string, ctx: StampContext, request: RetractAttemptRequest): SnapshotRow[] {
  if (!hasCaptures(dataDir)) return [];
  let retracted: SnapshotRow[] = [];
  appendRows(
    dataDir,
    LEDGER_FILES.snapshots,
    () => {
      const window = foldAgentWindows(dataDir, ctx.agentId, request.provider, request.onSkippedRow).find(
        (candidate) => candidate.windowId === request.windowId,
      );
      if (!window || window.completion) return [];
      // The after first, then the before: as `tracker undo` takes captures back, the reverse of the order they were made.
      retracted = [window.after, window.before].filter((row): row is SnapshotRow => row !== null);
      return retracted.map((target) => buildRetraction(ctx, target, request.reason, request.givenBack === true));
    },
    ctx,
  );
  return retracted;
}

function buildRetraction(ctx: StampContext, target: SnapshotRow, reason: string, givenBack: boolean): RetractionRow {
  return RetractionRowSchema.parse(
    stampRow(ctx, 'retraction', {
      target_id: target.id,
      target_kind: 'snapshot',
      target: { provider: target.provider, window_id: target.window_id, phase: target.phase },
      reason,
      ...(givenBack ? { given_back: true as const } : {}),
    }),
  );
}
