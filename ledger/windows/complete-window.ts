// Finalizes a window with its quality, outcome, feature and commits (invariant 7), or amends a finalized one.
import { AppError } from '../../kernel/index.js';
import {
  type Capacity,
  WindowRowSchema,
  type Outcome,
  type SubagentCapacity,
  type WindowRow,
  type WindowSubscription,
  type WindowTests,
} from '../schemas/index.js';
import { stampRow, type StampContext } from '../store/stamp-row.js';
import { appendRows } from '../store/append-rows.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { checkDivergence, learnTokensPerPercent } from './check-divergence.js';
import { checkOtelDivergence } from './check-otel-divergence.js';
import { readWindowCcusage } from './read-window-ccusage.js';
import { computeCapacity, toCapacityPoint } from './compute-capacity.js';
import { type AgentWindow, findCurrentWindow, hasCaptures } from './fold-agent-windows.js';
import { readRequestedWindow } from './read-requested-window.js';
import type { SkippedRowHandler } from './fold-agent-windows.js';

export interface CompleteRequest {
  /** Told about ledger rows left out because they do not match their schema. */
  onSkippedRow?: SkippedRowHandler;
  provider: string;
  windowId?: string | undefined;
  quality: number;
  outcome: Outcome;
  featureId?: string | undefined;
  commitStart?: string | undefined;
  commitEnd?: string | undefined;
  methodology?: string | undefined;
  notes?: string | undefined;
  /** For a window of a planned experiment (crossover analysis reads these). */
  experiment?: { sequence: string; period: number; planId?: string; epoch?: number | undefined } | undefined;
  /** HEAD of the working directory now: the default `commit_end`. */
  gitHead?: string | undefined;
  /** The subscription plan the window was measured under, with its price. */
  subscription?: WindowSubscription | undefined;
  /** The capacity of a second subscription the window's sub-agent requests used. */
  subagentCapacity?: SubagentCapacity | undefined;
  /** The hidden tests' outcome by test identity (fail_to_pass, pass_to_pass, resolved). */
  tests?: WindowTests | undefined;
  /** Replace an earlier completion of the window with a correction row. */
  amend?: boolean;
  /** A manual window's agent session: only its OpenTelemetry rows count for the window (docs/otel.md). */
  otelSession?: string | undefined;
}

export function completeWindow(dataDir: string, ctx: StampContext, request: CompleteRequest): WindowRow {
  const anomalies: object[] = [];
  if (!hasCaptures(dataDir))
    throw new AppError('NOT_FOUND', `no window awaiting completion for provider ${request.provider} (agent ${ctx.agentId})`);
  const [row] = appendRows(
    dataDir,
    LEDGER_FILES.windows,
    () => {
      const { windows, window, who } = readRequestedWindow(dataDir, ctx.agentId, request, (all) => pickWindow(all, request.amend === true));
      if (!window) {
        const latest = windows.at(-1);
        if (request.windowId === undefined && latest?.completion) {
          throw new AppError(
            'RULE_VIOLATION',
            `window ${latest.windowId} of ${who}, the latest, is already completed; pass --amend to record a correction`,
          );
        }
        const named =
          request.windowId !== undefined
            ? `no window ${request.windowId}`
            : request.amend
              ? 'no completed window to amend'
              : 'no window awaiting completion';
        throw new AppError('NOT_FOUND', `${named} for ${who}`);
      }
      const { before, after, completion } = window;
      if (!before || !after) {
        throw new AppError(
          'RULE_VIOLATION',
          `window ${window.windowId} of ${who} has no ${before ? 'after' : 'before'} yet: a window is completed after both captures`,
        );
      }
      if (completion && !request.amend) {
        throw new AppError(
          'RULE_VIOLATION',
          `window ${window.windowId} of ${who} is already completed; pass --amend to record a correction`,
        );
      }
      if (!completion && request.amend) {
        throw new AppError('RULE_VIOLATION', `window ${window.windowId} of ${who} is not completed yet: nothing to amend`);
      }
      const measured = computeCapacity(toCapacityPoint(before), toCapacityPoint(after));
      const capacity = withCcusageTokens(measured.capacity, dataDir, request.provider, window.windowId);
      const errors = [...measured.errors];
      const divergence = checkDivergence(
        capacity,
        learnTokensPerPercent(dataDir, request.provider, { agentId: ctx.agentId, windowId: window.windowId }),
      );
      if (divergence?.divergent) {
        errors.push('divergent:ccusage');
        const percent = capacity?.delta ?? 0;
        const counter = capacity?.tokens?.source === 'ccusage' ? 'ccusage says' : 'token counts say';
        const band = `${Math.round(divergence.low)} to ${Math.round(divergence.high)} with the readings' rounding of ${divergence.step}%`;
        anomalies.push(
          stampRow(ctx, 'anomaly', {
            code: 'divergent:ccusage',
            message: `bars say ${percent}% of the 5h window, about ${Math.round(divergence.expectedTokens)} tokens at the usual ${Math.round(divergence.tokensPerPercent)} per 1% (${band}); ${counter} ${divergence.countedTokens} (${Math.round(divergence.gap * 100)}% apart)`,
            provider: request.provider,
            window_id: window.windowId,
            ref_ids: [before.id, after.id],
            details: { ...divergence },
          }),
        );
      }
      const otel = checkOtelDivergence(dataDir, ctx, {
        provider: request.provider,
        window: { windowId: window.windowId, before, after },
        sessionId: request.otelSession,
      });
      if (otel?.anomaly) {
        errors.push('divergent:otel');
        anomalies.push(otel.anomaly);
      }
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
        ...((request.subscription ?? completion?.subscription) ? { subscription: request.subscription ?? completion?.subscription } : {}),
        ...(request.tests ? { tests: request.tests } : {}),
        ...(otel ? { otel: otel.summary } : {}),
        ...((request.subagentCapacity ?? completion?.subagent_capacity)
          ? { subagent_capacity: request.subagentCapacity ?? completion?.subagent_capacity }
          : {}),
        ...(request.experiment
          ? {
              sequence: request.experiment.sequence,
              period: request.experiment.period,
              ...(request.experiment.planId ? { plan_id: request.experiment.planId } : {}),
              ...(request.experiment.epoch !== undefined ? { epoch: request.experiment.epoch } : {}),
            }
          : {}),
      });
      return [WindowRowSchema.parse(row)];
    },
    ctx,
  );
  if (!row) throw new AppError('IO', 'window was not recorded');
  if (anomalies.length > 0) appendRows(dataDir, LEDGER_FILES.anomalies, anomalies, ctx);
  return row;
}

/**
 * A window measured in bars whose captures carry no token counters takes ccusage's count of it, where `tracker
 * ingest ccusage --window W` tied one: the token side invariant 6 compares with the bars, marked as ccusage's.
 */
function withCcusageTokens(capacity: Capacity | null, dataDir: string, provider: string, windowId: string): Capacity | null {
  if (capacity?.unit !== 'pct_5h' || capacity.tokens) return capacity;
  const counted = readWindowCcusage(dataDir, provider, windowId);
  return counted ? { ...capacity, tokens: { before: 0, after: counted.total, delta: counted.total, source: 'ccusage' } } : capacity;
}

/**
 * Without --window: the latest window that has both captures and no completion (a newer window may
 * already be open beside it); else the current one, so the error can say what is missing. With
 * --amend: the latest completed window.
 */
function pickWindow(windows: AgentWindow[], amend: boolean): AgentWindow | undefined {
  if (amend) return windows.findLast((window) => window.completion !== null);
  return windows.findLast((window) => window.before && window.after && !window.completion) ?? findCurrentWindow(windows) ?? undefined;
}
