// Records telemetry events as proxy-request rows of one window, once: a trace already in that window adds nothing.
import {
  appendRows,
  LEDGER_FILES,
  readLines,
  locateLedgerFile,
  stampRow,
  type StampContext,
  type TelemetryEvent,
  type TelemetryRow,
} from '../../ledger/index.js';

export interface TelemetryIngestResult {
  window_id: string;
  /** Good events offered. */
  events: number;
  recorded: number;
  /** Events whose trace_id the window already had. */
  already_in_ledger: number;
  /** Later events repeating a trace_id seen earlier in the same input. */
  duplicates_in_input: number;
}

/**
 * Appends one row per new event, all in one locked append. The window's existing trace ids are read under
 * the same lock, so two ingests of one file cannot both record it. `window_id` is always `windowId`, which
 * the caller has checked against WindowIdSchema (the events were checked on parse).
 */
export function ingestTelemetryEvents(
  dataDir: string,
  ctx: StampContext,
  events: TelemetryEvent[],
  options: { windowId: string },
): TelemetryIngestResult {
  const { windowId } = options;
  const counts = { recorded: 0, already: 0, duplicates: 0 };
  appendRows<TelemetryRow>(
    dataDir,
    LEDGER_FILES.proxyTelemetry,
    () => {
      const present = findWindowTraceIds(dataDir, windowId);
      const seen = new Set<string>();
      const rows: TelemetryRow[] = [];
      counts.already = 0;
      counts.duplicates = 0;
      for (const event of events) {
        if (present.has(event.trace_id)) counts.already += 1;
        else if (seen.has(event.trace_id)) counts.duplicates += 1;
        // The event was validated on parse and the window id by the caller: the stamped row matches TelemetryRowSchema.
        else rows.push(stampRow(ctx, 'proxy-request', { ...event, window_id: windowId }));
        seen.add(event.trace_id);
      }
      counts.recorded = rows.length;
      return rows;
    },
    ctx,
  );
  return {
    window_id: windowId,
    events: events.length,
    recorded: counts.recorded,
    already_in_ledger: counts.already,
    duplicates_in_input: counts.duplicates,
  };
}

/** Trace ids of the window's proxy-request rows; only lines naming the window are decoded. */
export function findWindowTraceIds(dataDir: string, windowId: string): Set<string> {
  const ids = new Set<string>();
  readLines(
    locateLedgerFile(dataDir, LEDGER_FILES.proxyTelemetry),
    ({ text }) => {
      let row: unknown;
      try {
        row = JSON.parse(text);
      } catch {
        return;
      }
      const fields = row as Record<string, unknown> | null;
      if (fields?.kind === 'proxy-request' && fields.window_id === windowId && typeof fields.trace_id === 'string')
        ids.add(fields.trace_id);
    },
    { needles: [`"window_id":${JSON.stringify(windowId)}`] },
  );
  return ids;
}
