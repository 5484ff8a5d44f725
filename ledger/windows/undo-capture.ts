// Retracts the latest capture of an open window (the `after` if there is one, else the `before`).
import { AppError } from '../../kernel/index.js';
import { RetractionRowSchema, type Phase, type RetractionRow, type SnapshotRow } from '../schemas/index.js';
import { stampRow, type StampContext } from '../store/stamp-row.js';
import { appendRows } from '../store/append-rows.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { findCurrentWindow, hasCaptures } from './fold-agent-windows.js';
import { readRequestedWindow } from './read-requested-window.js';
import type { SkippedRowHandler } from './fold-agent-windows.js';

export interface UndoRequest {
  /** Told about ledger rows left out because they do not match their schema. */
  onSkippedRow?: SkippedRowHandler;
  provider: string;
  windowId?: string | undefined;
  /** Which capture to retract; by default the latest (the after if there is one, else the before). */
  phase?: Phase | undefined;
  reason?: string | undefined;
}

export interface UndoOutcome {
  retraction: RetractionRow;
  retracted: SnapshotRow;
}

export function undoCapture(dataDir: string, ctx: StampContext, request: UndoRequest): UndoOutcome {
  if (!hasCaptures(dataDir))
    throw new AppError('NOT_FOUND', `no open capture for provider ${request.provider} (agent ${ctx.agentId}): nothing to undo`);
  let outcome: UndoOutcome | null = null;
  appendRows(
    dataDir,
    LEDGER_FILES.snapshots,
    () => {
      const { window, who } = readRequestedWindow(dataDir, ctx.agentId, request, (all) => findCurrentWindow(all) ?? undefined);
      if (!window || (!window.before && !window.after)) {
        const named = request.windowId === undefined ? 'no open capture' : `no capture in window ${request.windowId}`;
        throw new AppError('NOT_FOUND', `${named} for ${who}: nothing to undo`);
      }
      if (window.completion) {
        throw new AppError(
          'RULE_VIOLATION',
          `window ${window.windowId} of ${who} is completed; undo retracts only captures of open windows (correct it with \`tracker complete --amend\`)`,
        );
      }
      if (request.phase === 'before' && window.after) {
        throw new AppError(
          'RULE_VIOLATION',
          `window ${window.windowId} of ${who} has an after: retract it first (\`tracker undo --phase after\`), then the before`,
        );
      }
      if (request.phase === 'after' && !window.after) {
        throw new AppError('NOT_FOUND', `window ${window.windowId} of ${who} has no after: nothing to undo`);
      }
      const target = (window.after ?? window.before) as SnapshotRow;
      const retraction = RetractionRowSchema.parse(
        stampRow(ctx, 'retraction', {
          target_id: target.id,
          target_kind: 'snapshot',
          target: { provider: target.provider, window_id: target.window_id, phase: target.phase },
          reason: request.reason ?? 'undo',
        }),
      );
      outcome = { retraction, retracted: target };
      return [retraction];
    },
    ctx,
  );
  const done = outcome as UndoOutcome | null;
  if (!done) throw new AppError('IO', 'undo was not recorded');
  return done;
}
