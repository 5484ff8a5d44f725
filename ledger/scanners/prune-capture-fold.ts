// Drops from a capture fold what no later capture can read: readings before the horizon, other agents' windows closed before it.
import type { SnapshotRow } from '../schemas/index.js';
import { hashSpanKey, type CaptureFold } from './capture-fold.js';

/**
 * The earliest time a later capture of the agent can ask about: an `after` reads readings and other agents' windows from
 * its window's `before` on, so the horizon is the earliest `before` still without an `after`, or this capture's time.
 * NaN when a time does not parse: then nothing is pruned.
 */
export function findCaptureHorizon(fold: CaptureFold, capturedAt: number): number {
  const windows = new Map<string, { before: number | null; after: boolean }>();
  for (const row of fold.own.values()) {
    if (row.kind !== 'snapshot') continue;
    const snapshot = row as unknown as SnapshotRow;
    if (snapshot.agent_id !== fold.agentId || snapshot.provider !== fold.provider) continue;
    const window = windows.get(snapshot.window_id) ?? { before: null, after: false };
    // As foldWindows does: the last current row of a phase is the window's.
    if (snapshot.phase === 'before') window.before = Date.parse(snapshot.captured_at);
    else window.after = true;
    windows.set(snapshot.window_id, window);
  }
  let horizon = capturedAt;
  for (const window of windows.values()) {
    if (window.before !== null && !window.after) horizon = Math.min(horizon, window.before);
  }
  return horizon;
}

/**
 * Raises the horizon to `horizon` (never lowers it: what was dropped is gone) and drops what lies before it. A window of
 * another agent that ended by then (or has no `before`) overlaps no window starting at or after it; its key is kept as a
 * hash, so a later row for it (or a retraction of one of its rows) sends the capture back to the full scan.
 */
export function pruneCaptureFold(fold: CaptureFold, horizon: number): void {
  if (!Number.isFinite(horizon)) return;
  const kept = fold.horizon === null ? horizon : Math.max(fold.horizon, horizon);
  fold.horizon = kept;
  fold.readings = fold.readings.filter((reading) => reading.at >= kept);
  // Grouped by the key itself: two keys sharing a hash must not share a span.
  const spans = new Map<string, { start: number; end: number; ids: string[]; hash: number }>();
  for (const row of fold.spans.values()) {
    const key = `${row.agent}\u0000${row.window}`;
    const span = spans.get(key) ?? { start: Number.POSITIVE_INFINITY, end: Number.POSITIVE_INFINITY, ids: [], hash: hashSpanKey(row) };
    const at = Date.parse(row.capturedAt);
    if (row.phase === 'before') span.start = at;
    else if (row.phase === 'after') span.end = at;
    span.ids.push(row.id);
    spans.set(key, span);
  }
  for (const span of spans.values()) {
    if (span.start !== Number.POSITIVE_INFINITY && span.end > kept) continue;
    for (const id of span.ids) fold.spans.delete(id);
    fold.dropped.added.add(span.hash);
  }
}
