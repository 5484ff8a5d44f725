// At a window's completion: the agent's own OpenTelemetry count of it, and an anomaly when the proxy counted otherwise.
import { summarizeWindowOtel } from '../otel/summarize-window-otel.js';
import type { SnapshotRow, WindowOtel } from '../schemas/index.js';
import { stampRow, type StampContext } from '../store/stamp-row.js';

export interface OtelCheck {
  summary: WindowOtel;
  /** A `divergent:otel` anomaly row when the two counts are more than 2% apart on any figure. */
  anomaly: object | null;
}

export interface OtelCheckRequest {
  provider: string;
  window: { windowId: string; before: SnapshotRow; after: SnapshotRow };
  sessionId?: string | undefined;
}

/** Null when the agent exported nothing for the window. The window's span runs from its before capture to its after. */
export function checkOtelDivergence(dataDir: string, ctx: StampContext, request: OtelCheckRequest): OtelCheck | null {
  const { windowId, before, after } = request.window;
  const summary = summarizeWindowOtel(dataDir, {
    provider: request.provider,
    windowId,
    from: new Date(before.captured_at),
    to: new Date(Date.parse(after.captured_at) + 1),
    sessionId: request.sessionId,
  });
  if (summary === null) return null;
  if (!summary.divergent || summary.proxy === null || summary.gap_in === null) return { summary, anomaly: null };
  const kind = summary.gap_in;
  const percent = Math.round((summary.gap ?? 0) * 1000) / 10;
  return {
    summary,
    anomaly: stampRow(ctx, 'anomaly', {
      code: 'divergent:otel',
      message: `the agent's own OpenTelemetry counts ${summary.tokens[kind]} ${kind} tokens in window ${windowId}, the proxy ${summary.proxy.tokens[kind]} (${percent}% apart; totals ${summary.tokens.total} and ${summary.proxy.tokens.total})`,
      provider: request.provider,
      window_id: windowId,
      ref_ids: [before.id, after.id],
      details: { otel: summary.tokens, proxy: summary.proxy.tokens, gap: summary.gap, gap_in: kind, matched_by: summary.matched_by },
    }),
  };
}
