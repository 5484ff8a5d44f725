// A capture's fold of snapshots.jsonl as state carried from row to row: what one full scan gives, kept small enough to store.
import { RetractionRowSchema, SnapshotRowSchema, type Bars } from '../schemas/index.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { foldRowInto, type FoldableRow } from '../store/fold-rows.js';
import type { UnreadableLine } from '../store/scan-ledger.js';
import type { FoldInput } from '../windows/fold-agent-windows.js';
import { includesHash } from './includes-hash.js';

/** Another agent's current snapshot row of the provider, as much of it as the overlap check reads. */
export interface SpanRow {
  id: string;
  agent: string;
  window: string;
  phase: string;
  capturedAt: string;
}

export interface CaptureFold {
  agentId: string;
  provider: string;
  /** foldRows's state over the agent's snapshot rows and every retraction: the window fold's input, never pruned. */
  own: Map<string, FoldInput>;
  /** foldRows's state over other agents' snapshot rows of the provider, minus the windows `prune` dropped. */
  spans: Map<string, SpanRow>;
  /** Hashes of the (agent, window) keys whose rows `prune` dropped: a later row for one needs the full scan. */
  dropped: DroppedKeys;
  /** The provider's readings in file order: every one taken at or after `horizon` (all of them while it is null). */
  readings: { at: number; bars: Bars }[];
  horizon: number | null;
  /** The agent's rows that fail their schema, in file order: a capture reports them every time, as a full scan does. */
  skipped: UnreadableLine[];
  /** Set when a row touches something `prune` dropped: this state is no longer the full scan's, scan the file instead. */
  stale: boolean;
}

/** As stored (sorted, read without decoding each one: a long history holds hundreds of thousands), plus those added since. */
export interface DroppedKeys {
  sorted: Uint32Array;
  /** The digest of `sorted` as stored in its own file (null: not stored yet); it names that file. */
  digest: string | null;
  added: Set<number>;
}

export function createCaptureFold(agentId: string, provider: string): CaptureFold {
  const dropped = { sorted: new Uint32Array(0), digest: null, added: new Set<number>() };
  return { agentId, provider, own: new Map(), spans: new Map(), dropped, readings: [], horizon: null, skipped: [], stale: false };
}

export function countDroppedKeys(dropped: DroppedKeys): number {
  return dropped.sorted.length + dropped.added.size;
}

export function hasDroppedKey(dropped: DroppedKeys, hash: number): boolean {
  return dropped.added.has(hash) || includesHash(dropped.sorted, hash);
}

/** Every hash, sorted, for storing. */
export function listDroppedKeys(dropped: DroppedKeys): Uint32Array {
  if (dropped.added.size === 0) return dropped.sorted;
  const all = new Uint32Array(dropped.sorted.length + dropped.added.size);
  all.set(dropped.sorted);
  all.set([...dropped.added], dropped.sorted.length);
  return all.sort();
}

/** Folds one row that passed the provider prefilter, exactly as the full scan's visitor reads it. */
export function applyCaptureRow(fold: CaptureFold, row: Record<string, unknown>, lineNo: number): void {
  if (row.kind === 'reading') {
    const at = typeof row.captured_at === 'string' ? Date.parse(row.captured_at) : Number.NaN;
    if (row.provider !== fold.provider || Number.isNaN(at)) return;
    if (fold.horizon === null || at >= fold.horizon) fold.readings.push({ at, bars: (row.bars ?? {}) as Bars });
    return;
  }
  if (row.kind !== 'snapshot' && row.kind !== 'retraction') return;
  applySpanRow(fold, row as FoldableRow & Record<string, unknown>);
  // Retractions are kept whoever wrote them: a fold needs every retraction of its rows.
  if (row.kind === 'snapshot' && row.agent_id !== fold.agentId) return;
  const parsed = (row.kind === 'retraction' ? RetractionRowSchema : SnapshotRowSchema).safeParse(row);
  if (parsed.success) {
    foldRowInto(fold.own, parsed.data as FoldInput);
    return;
  }
  const issue = parsed.error.issues[0];
  fold.skipped.push({
    file: LEDGER_FILES.snapshots,
    lineNo,
    reason: `${issue?.path.map(String).join('.') || 'row'}: ${issue?.message ?? 'does not match its schema'}`,
  });
}

/**
 * The overlap check folds every agent's rows and then keeps other agents' snapshots of the provider with a time.
 * Only those are stored; the others' effect on them (a correction, a retraction) is applied as they pass.
 */
function applySpanRow(fold: CaptureFold, row: FoldableRow & Record<string, unknown>): void {
  const removes = row.kind === 'retraction' ? row.target_id : row.supersedes;
  if (removes !== undefined && !fold.spans.delete(removes) && countDroppedKeys(fold.dropped) > 0 && !fold.own.has(removes)) {
    // It may name a dropped row (or one no fold holds, which changes nothing): only the full scan can tell.
    fold.stale = true;
  }
  if (row.kind !== 'snapshot') return;
  const counts = row.provider === fold.provider && row.agent_id !== fold.agentId && !Number.isNaN(Date.parse(String(row.captured_at)));
  if (!counts) {
    // A row of another kind under the same id would replace it in the full fold: it no longer counts there either.
    fold.spans.delete(row.id);
    return;
  }
  const span: SpanRow = {
    id: row.id,
    agent: String(row.agent_id),
    window: String(row.window_id),
    phase: String(row.phase),
    capturedAt: String(row.captured_at),
  };
  if (countDroppedKeys(fold.dropped) > 0 && hasDroppedKey(fold.dropped, hashSpanKey(span))) fold.stale = true;
  fold.spans.set(row.id, span);
}

/** The rows findOverlaps reads, rebuilt from the stored spans (already folded, so folding them again changes nothing). */
export function listSpanRows(fold: CaptureFold): (FoldableRow & Record<string, unknown>)[] {
  return [...fold.spans.values()].map((span) => ({
    id: span.id,
    kind: 'snapshot',
    provider: fold.provider,
    agent_id: span.agent,
    window_id: span.window,
    phase: span.phase,
    captured_at: span.capturedAt,
  }));
}

/** FNV-1a over the key: a collision only costs a full scan. */
export function hashSpanKey(span: Pick<SpanRow, 'agent' | 'window'>): number {
  const key = `${span.agent}\u0000${span.window}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
