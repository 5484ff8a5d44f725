// Records a `before` or `after` capture under the ledger lock, enforcing invariants 2, 4 and 5.
import { AppError } from '../../kernel/index.js';
import type { AnomalyRow, Phase, SnapshotRow } from '../schemas/index.js';
import { SnapshotRowSchema } from '../schemas/index.js';
import { stampRow, type StampContext } from '../store/stamp-row.js';
import { appendRows } from '../store/append-rows.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { computeCapacity, toCapacityPoint, type CapacityResult } from './compute-capacity.js';
import { findCurrentWindow, foldWindows, hasCaptures, type AgentWindow } from './fold-agent-windows.js';
import { scanProviderSnapshots, type ProviderSnapshots } from '../scanners/scan-provider-snapshots.js';
import type { SkippedRowHandler } from './fold-agent-windows.js';
import { findOverlaps } from './find-overlaps.js';
import { AFTER_TOO_SOON, collectObservedResets, collectReadingResets, findResetTooClose, RESET_BUFFER_MS } from './reset-buffer.js';

/** What a parser read, in the shape a snapshot row stores it. */
export type CaptureReading = Pick<SnapshotRow, 'format' | 'bars' | 'tokens' | 'cost_usd' | 'parse_errors'>;

export interface SnapshotRequest {
  /** Told about ledger rows left out because they do not match their schema. */
  onSkippedRow?: SkippedRowHandler;
  provider: string;
  phase: Phase;
  windowId?: string | undefined;
  reading: CaptureReading;
  capturedAt: Date;
  force?: boolean;
  /** How long after a reset an `after` is refused (RESET_BUFFER_MS, 5 minutes, by default). */
  bufferMs?: number | undefined;
  notes?: string | undefined;
  gitHead?: string | undefined;
}

export interface SnapshotOutcome {
  row: SnapshotRow;
  /** For an `after`: the window's capacity so far. */
  capacity: CapacityResult | null;
  anomalies: AnomalyRow[];
}

export function recordSnapshot(dataDir: string, ctx: StampContext, request: SnapshotRequest): SnapshotOutcome {
  if (request.phase === 'after' && !hasCaptures(dataDir)) {
    throw new AppError(
      'RULE_VIOLATION',
      `no open window for provider ${request.provider} (agent ${ctx.agentId}): record a before first (tracker snapshot before --provider ${request.provider})`,
    );
  }
  let outcome: SnapshotOutcome | null = null;
  appendRows(
    dataDir,
    LEDGER_FILES.snapshots,
    () => {
      // One pass over what snapshots.jsonl (and windows.jsonl) gained since this agent's last capture: see scanProviderSnapshots.
      const scanned = scanProviderSnapshots(dataDir, ctx.agentId, request.provider, request.onSkippedRow, {
        capturedAt: request.capturedAt,
      });
      const windows = foldWindows(scanned.own, scanned.completions, ctx.agentId, request.provider);
      outcome = request.phase === 'before' ? planBefore(ctx, request, windows) : planAfter(scanned, ctx, request, windows);
      return [outcome.row];
    },
    ctx,
  );
  const done = outcome as SnapshotOutcome | null;
  if (!done) throw new AppError('IO', 'snapshot was not recorded');
  if (done.anomalies.length > 0) appendRows(dataDir, LEDGER_FILES.anomalies, done.anomalies, ctx);
  return done;
}

function planBefore(ctx: StampContext, request: SnapshotRequest, windows: AgentWindow[]): SnapshotOutcome {
  const who = `provider ${request.provider} (agent ${ctx.agentId})`;
  // One open window per provider and agent, whether or not --window names a new one.
  const open = windows.findLast((window) => window.before && !window.after && !window.completion);
  if (open) throw createSecondBeforeError(ctx, who, open);
  if (request.windowId !== undefined) {
    const existing = windows.find((window) => window.windowId === request.windowId);
    if (existing?.completion) throw createRuleError(`window ${request.windowId} of ${who} is already completed`);
    if (existing?.before) throw createSecondBeforeError(ctx, who, existing);
  }
  const windowId = request.windowId ?? nameWindow(request.provider, request.capturedAt, windows);
  return { row: buildRow(ctx, request, windowId, []), capacity: null, anomalies: [] };
}

function planAfter(scanned: ProviderSnapshots, ctx: StampContext, request: SnapshotRequest, windows: AgentWindow[]): SnapshotOutcome {
  const who = `provider ${request.provider} (agent ${ctx.agentId})`;
  const window =
    request.windowId !== undefined
      ? windows.find((candidate) => candidate.windowId === request.windowId)
      : (findCurrentWindow(windows) ?? undefined);
  const before = window?.before;
  if (!window || !before) {
    const id = request.windowId;
    const todo =
      id === undefined
        ? `no open window for ${who}: record a before first (tracker snapshot before --provider ${request.provider})`
        : `window ${id} has no before for ${who}: record one first (tracker snapshot before --provider ${request.provider} --window ${id}), or, through \`tracker proxy\`, take both ends from its responses tagged ${id} (tracker snapshot after --provider ${request.provider} --window ${id} --from-proxy)`;
    throw new AppError('RULE_VIOLATION', todo);
  }
  if (window.completion) throw createRuleError(`window ${window.windowId} of ${who} is already completed`);
  if (window.after) {
    throw createRuleError(
      `window ${window.windowId} of ${who} already has an after (${window.after.captured_at}); run \`${formatUndoHint(ctx, request.provider, window.windowId)}\` to retract it first`,
    );
  }
  const at = request.capturedAt.getTime();
  if (at < Date.parse(before.captured_at)) {
    throw new AppError(
      'BAD_INPUT',
      `the after (${request.capturedAt.toISOString()}) is earlier than the before (${before.captured_at}) of window ${window.windowId}`,
    );
  }
  const tags: string[] = [];
  const anomalies: AnomalyRow[] = [];
  // Any source's reset times count: the two screens, and readings of the provider taken meanwhile.
  const observed = [
    ...collectObservedResets(before.bars, request.reading.bars),
    ...collectReadingResets(scanned.readings, Date.parse(before.captured_at), at),
  ];
  const bufferMs = request.bufferMs ?? RESET_BUFFER_MS;
  const tooClose = findResetTooClose(observed, at, bufferMs);
  const buffer = describeBuffer(bufferMs);
  if (tooClose) {
    const resetAt = new Date(tooClose.at).toISOString();
    if (!request.force) {
      throw new AppError(
        'RULE_VIOLATION',
        `the after at ${request.capturedAt.toISOString()} is within ${buffer} after the ${tooClose.bar} reset at ${resetAt}; bars may not have settled: wait until ${buffer} after the reset, or pass --force`,
        { kind: AFTER_TOO_SOON },
      );
    }
    tags.push('late-after', 'forced');
  }
  const row = buildRow(ctx, request, window.windowId, tags);
  const capacity = computeCapacity(toCapacityPoint(before), toCapacityPoint(row));
  const base = { provider: request.provider, window_id: window.windowId, ref_ids: [before.id, row.id] };
  if (tooClose) {
    anomalies.push(
      stampRow(ctx, 'anomaly', {
        code: 'late-after',
        message: `after captured ${Math.round((at - tooClose.at) / 1000)} s after the ${tooClose.bar} reset; forced`,
        ...base,
      }),
    );
  }
  for (const error of capacity.errors.filter((code) => code === 'negative-delta' || code === 'reset-crossed')) {
    const detail = capacity.capacity
      ? ` (before ${capacity.capacity.before}, after ${capacity.capacity.after} ${capacity.capacity.unit})`
      : '';
    const why = error === 'negative-delta' ? 'the bar went down' : 'the 5h bar reset between the captures';
    anomalies.push(stampRow(ctx, 'anomaly', { code: error, message: `capacity delta set to null: ${why}${detail}`, ...base }));
  }
  const overlaps = findOverlaps(scanned.all, request.provider, { agentId: ctx.agentId, start: Date.parse(before.captured_at), end: at });
  if (overlaps.length > 0) {
    const others = overlaps.map((overlap) => `${overlap.agentId}/${overlap.windowId}`).join(', ');
    anomalies.push(
      stampRow(ctx, 'anomaly', {
        code: 'overlapping-windows',
        message: `other agents measured ${request.provider} at the same time (${others}); on one account each delta includes their work`,
        ...base,
      }),
    );
  }
  return { row, capacity, anomalies };
}

function buildRow(ctx: StampContext, request: SnapshotRequest, windowId: string, tags: string[]): SnapshotRow {
  const { reading } = request;
  return SnapshotRowSchema.parse(
    stampRow(ctx, 'snapshot', {
      provider: request.provider,
      window_id: windowId,
      phase: request.phase,
      captured_at: request.capturedAt.toISOString(),
      format: reading.format,
      bars: reading.bars,
      ...(reading.tokens ? { tokens: reading.tokens } : {}),
      ...(reading.cost_usd !== undefined ? { cost_usd: reading.cost_usd } : {}),
      parse_errors: reading.parse_errors,
      tags,
      ...(request.gitHead ? { git_head: request.gitHead } : {}),
      ...(request.notes ? { notes: request.notes } : {}),
    }),
  );
}

/** `claude-20261121-1432`, with a suffix when the agent already used that name. */
function nameWindow(provider: string, at: Date, windows: AgentWindow[]): string {
  const stamp = at.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const base = `${provider}-${stamp}`;
  const taken = new Set(windows.map((window) => window.windowId));
  let name = base;
  for (let n = 2; taken.has(name); n += 1) name = `${base}-${n}`;
  return name;
}

function createSecondBeforeError(ctx: StampContext, who: string, window: AgentWindow): AppError {
  return createRuleError(
    `${who} already has a before in window ${window.windowId} (captured ${window.before?.captured_at}); run \`${formatUndoHint(ctx, window.before?.provider ?? '', window.windowId)}\` to retract it first`,
  );
}

/** The undo command to suggest, naming the agent when it is not the default. */
function formatUndoHint(ctx: StampContext, provider: string, windowId: string): string {
  return `tracker undo --provider ${provider} --window ${windowId}${ctx.agentId === 'main' ? '' : ` --agent ${ctx.agentId}`}`;
}

function createRuleError(message: string): AppError {
  return new AppError('RULE_VIOLATION', message);
}

/** `5 minutes`, `90 seconds`: the buffer as the refusal says it. */
function describeBuffer(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds % 60 === 0) return `${seconds / 60} minute${seconds === 60 ? '' : 's'}`;
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}
