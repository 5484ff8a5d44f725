// Finalizes a window with its quality, outcome, feature and commits (invariant 7), or amends a finalized one.
import { AppError } from '../app-error.js';
import { WindowRowSchema, type Outcome, type WindowRow } from '../schemas/index.js';
import { stampRow, type StampContext } from '../stamp-row.js';
import { appendRows } from '../store/append-rows.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { computeCapacity, toCapacityPoint } from './compute-capacity.js';
import { findCurrentWindow, foldAgentWindows } from './fold-agent-windows.js';

export interface CompleteRequest {
  provider: string;
  windowId?: string | undefined;
  quality: number;
  outcome: Outcome;
  featureId?: string | undefined;
  commitStart?: string | undefined;
  commitEnd?: string | undefined;
  methodology?: string | undefined;
  notes?: string | undefined;
  /** HEAD of the working directory now: the default `commit_end`. */
  gitHead?: string | undefined;
  /** Replace an earlier completion of the window with a correction row. */
  amend?: boolean;
}

export function completeWindow(dataDir: string, ctx: StampContext, request: CompleteRequest): WindowRow {
  const [row] = appendRows(dataDir, LEDGER_FILES.windows, () => {
    const windows = foldAgentWindows(dataDir, ctx.agentId, request.provider);
    const who = `provider ${request.provider} (agent ${ctx.agentId})`;
    const window =
      request.windowId !== undefined
        ? windows.find((candidate) => candidate.windowId === request.windowId)
        : request.amend
          ? windows.at(-1)
          : findCurrentWindow(windows) ?? undefined;
    if (!window) {
      const named = request.windowId === undefined ? 'no open window' : `no window ${request.windowId}`;
      throw new AppError('NOT_FOUND', `${named} for ${who}`);
    }
    const { before, after, completion } = window;
    if (!before || !after) {
      throw new AppError('RULE_VIOLATION', `window ${window.windowId} of ${who} has no ${before ? 'after' : 'before'} yet: a window is completed after both captures`);
    }
    if (completion && !request.amend) {
      throw new AppError('RULE_VIOLATION', `window ${window.windowId} of ${who} is already completed; pass --amend to record a correction`);
    }
    if (!completion && request.amend) {
      throw new AppError('RULE_VIOLATION', `window ${window.windowId} of ${who} is not completed yet: nothing to amend`);
    }
    const { capacity, errors } = computeCapacity(toCapacityPoint(before), toCapacityPoint(after));
    const row = stampRow(ctx, 'window', {
      ...(completion ? { supersedes: completion.id } : {}),
      provider: request.provider,
      window_id: window.windowId,
      feature_id: request.featureId ?? completion?.feature_id ?? null,
      commit_start: request.commitStart ?? completion?.commit_start ?? before.git_head ?? null,
      commit_end: request.commitEnd ?? completion?.commit_end ?? request.gitHead ?? after.git_head ?? null,
      methodology: request.methodology ?? completion?.methodology ?? 'manual',
      quality_score: request.quality,
      outcome: request.outcome,
      capacity,
      before_id: before.id,
      after_id: after.id,
      errors,
      ...(request.notes ? { notes: request.notes } : {}),
    });
    return [WindowRowSchema.parse(row)];
  }, ctx);
  if (!row) throw new AppError('IO', 'window was not recorded');
  return row;
}
