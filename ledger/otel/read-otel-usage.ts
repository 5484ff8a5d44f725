// Reads otel_usage.jsonl by time span, provider, model, window or session: the agents' own request and usage rows.
import type { OtelMetricRow, OtelRequestRow } from '../schemas/index.js';
import type { UnreadableLine } from '../store/scan-ledger.js';
import type { StampContext } from '../store/stamp-row.js';
import { scanOtelRows } from './scan-otel-rows.js';

/** Every filter is optional; a row must pass all that are given. Times compare with the row's `occurred_at`. */
export interface OtelUsageFilter {
  /** From this instant on (inclusive). */
  from?: Date | undefined;
  /** Before this instant (exclusive). */
  to?: Date | undefined;
  provider?: string | undefined;
  model?: string | undefined;
  /** A window id, or null for the rows attributed to no window. */
  windowId?: string | null | undefined;
  sessionId?: string | undefined;
  /** The stamp's agent (who the rows are charged to). */
  agentId?: string | undefined;
  /** `claude-code` or `codex`. */
  agent?: string | undefined;
}

export interface OtelUsage {
  /** False when the data directory has no otel_usage.jsonl (nothing was read). */
  present: boolean;
  /** API request rows, in file order. */
  requests: OtelRequestRow[];
  /** Usage metric data points, in file order. */
  metrics: OtelMetricRow[];
  /** Rows that do not match their schema (the first 100) and lines that are not JSON. */
  skipped: UnreadableLine[];
}

/**
 * The rows that pass `filter`. A window id is looked for in the raw line first, so a window's rows are found without
 * parsing the rest. Calibration from everyday work reads a plan's tokens by time span, provider and model this way.
 */
export function readOtelUsage(dataDir: string, filter: OtelUsageFilter = {}, repairAs?: StampContext): OtelUsage {
  const result: OtelUsage = { present: false, requests: [], metrics: [], skipped: [] };
  const from = filter.from?.getTime();
  const to = filter.to?.getTime();
  const keep = (row: OtelRequestRow | OtelMetricRow): boolean => {
    if (filter.provider !== undefined && row.provider !== filter.provider) return false;
    if (filter.model !== undefined && row.model !== filter.model) return false;
    if (filter.windowId !== undefined && row.window_id !== filter.windowId) return false;
    if (filter.sessionId !== undefined && row.session_id !== filter.sessionId) return false;
    if (filter.agentId !== undefined && row.agent_id !== filter.agentId) return false;
    if (filter.agent !== undefined && row.agent !== filter.agent) return false;
    const at = Date.parse(row.occurred_at);
    return (from === undefined || at >= from) && (to === undefined || at < to);
  };
  const scan = scanOtelRows(
    dataDir,
    (row) => {
      if (!keep(row)) return;
      if (row.kind === 'otel-request') result.requests.push(row);
      else result.metrics.push(row);
    },
    { needle: typeof filter.windowId === 'string' ? JSON.stringify(filter.windowId) : undefined, repairAs },
  );
  return { ...result, present: scan.present, skipped: scan.skipped };
}
