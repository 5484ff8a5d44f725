// Finds other agents' windows on the same provider that overlap a window in time: on one account they share the bars.
import { foldRows, type FoldableRow } from '../store/fold-rows.js';

export interface Overlap {
  agentId: string;
  windowId: string;
}

interface Span {
  agentId: string;
  windowId: string;
  start: number;
  end: number;
}

/**
 * Two agents measuring one provider at the same time both see the bar move by the other's work, so each
 * window's delta counts both. The rows stay as they are; the caller records an anomaly naming the overlap.
 */
export function findOverlaps(
  rows: readonly (FoldableRow & Record<string, unknown>)[],
  provider: string,
  self: { agentId: string; start: number; end: number },
): Overlap[] {
  const spans = new Map<string, Span>();
  for (const row of foldRows(rows)) {
    if (row.kind !== 'snapshot' || row.provider !== provider || row.agent_id === self.agentId) continue;
    const at = Date.parse(String(row.captured_at));
    if (Number.isNaN(at)) continue;
    const key = `${String(row.agent_id)}\u0000${String(row.window_id)}`;
    const span = spans.get(key) ?? {
      agentId: String(row.agent_id),
      windowId: String(row.window_id),
      start: Number.POSITIVE_INFINITY,
      end: Number.POSITIVE_INFINITY,
    };
    if (row.phase === 'before') span.start = at;
    else if (row.phase === 'after') span.end = at;
    spans.set(key, span);
  }
  // A window with no after yet is open: it overlaps everything after its before.
  return [...spans.values()]
    .filter((span) => span.start !== Number.POSITIVE_INFINITY && span.start < self.end && self.start < span.end)
    .map(({ agentId, windowId }) => ({ agentId, windowId }));
}
