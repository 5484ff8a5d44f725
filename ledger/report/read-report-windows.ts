// Reads the completed windows the report needs: the folded window rows and the capture times of their snapshots.
import { WindowRowSchema, type WindowRow } from '../schemas/index.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { locateLedgerFile } from '../store/locate-ledger-file.js';
import { readCaptureTimes } from './read-capture-times.js';
import { readLiveRows } from './read-live-rows.js';
import { createLineFilter, hasLine, namesWindowOf } from './filter-window-lines.js';
import { createRepeatSharer } from './share-repeats.js';
import type { ReportTelemetryRow, ReportWindow, SkippedLine } from './report-ledger.js';

export interface ReportWindows {
  windows: ReportWindow[];
  skipped: SkippedLine[];
  skippedCount: number;
  tornTails: string[];
}

/**
 * What a reader that needs less may leave out: other providers' windows, other plans' windows (and their proxy
 * rows, anomalies and budget events), the capture times (durations), the methodology beyond what `methodology` keeps.
 */
export interface ReportNarrowing {
  providers?: readonly string[];
  planId?: string;
  captureTimes?: boolean;
  methodology?: (text: string) => string;
  /** Keep each window's tests by identity, counted (the viewer's Arms table), from the very row the window is read from. */
  tests?: boolean;
  /** The proxy rows are handed to this fold as they are read instead of being kept (`telemetry` is then empty). */
  telemetryFold?: { add: (row: ReportTelemetryRow) => void; restart: () => void };
}

/** What the report keeps of a window row until its captures are read. */
interface WindowEntry {
  window: ReportWindow;
  beforeId: string;
  afterId: string;
}

/**
 * Completed windows, one per (agent, provider, window): a later completion of the same window replaces an
 * earlier one in place (an amend supersedes it anyway). Durations come from the snapshots the window row
 * names; snapshot lines are matched on their leading id as bytes (read-capture-times.ts).
 */
export function readReportWindows(dataDir: string, narrow: ReportNarrowing = {}): ReportWindows {
  const providers = createLineFilter(narrow.providers);
  const plans = createLineFilter(narrow.planId === undefined ? undefined : [narrow.planId]);
  const keep = providers && plans ? (text: string) => providers(text) && plans(text) : (providers ?? plans);
  const shorten = narrow.methodology;
  const shareRepeats = createRepeatSharer();
  const read = (keepLine: ((text: string) => boolean) | undefined) =>
    readLiveRows(dataDir, LEDGER_FILES.windows, 'window', WindowRowSchema, {
      ...(keepLine ? { keepLine } : {}),
      project: (row: WindowRow): WindowEntry => {
        const window = toReportWindow(shorten ? { ...row, methodology: shorten(row.methodology) } : row);
        if (narrow.tests && row.tests) {
          const { fail_to_pass, pass_to_pass, resolved } = row.tests;
          window.tests = { fail_to_pass, pass_to_pass, resolved };
        }
        return { window: shareRepeats(window), beforeId: row.before_id, afterId: row.after_id };
      },
    });
  let live = read(keep);
  if (narrow.planId !== undefined && keep) {
    // A later completion of one of the plan's windows recorded under another plan (or none) replaces it, as in the
    // whole ledger: its lines are read too when there are any (one byte-level look at the window ids, else none).
    const ids = new Set(live.rows.filter((entry) => entry.window.plan_id === narrow.planId).map((entry) => entry.window.window_id));
    const elsewhere = (text: string): boolean => !keep(text) && namesWindowOf(text, ids);
    if (ids.size > 0 && hasLine(locateLedgerFile(dataDir, LEDGER_FILES.windows), elsewhere))
      live = read((text) => keep(text) || elsewhere(text));
  }
  const byKey = new Map<string, WindowEntry>();
  for (const entry of live.rows) byKey.set(`${entry.window.agent_id}\u0000${entry.window.provider}\u0000${entry.window.window_id}`, entry);
  if (narrow.planId !== undefined) for (const [key, entry] of byKey) if (entry.window.plan_id !== narrow.planId) byKey.delete(key);
  const wanted = new Map<string, string | null>();
  for (const entry of byKey.values()) {
    wanted.set(entry.beforeId, null);
    wanted.set(entry.afterId, null);
  }
  const snapshots =
    narrow.captureTimes === false || wanted.size === 0
      ? { torn: false }
      : readCaptureTimes(locateLedgerFile(dataDir, LEDGER_FILES.snapshots), wanted);
  const windows: ReportWindow[] = [];
  for (const { window, beforeId, afterId } of byKey.values()) {
    // The window's own object: its times were null placeholders, so its keys keep their order.
    window.started_at = wanted.get(beforeId) ?? null;
    window.ended_at = wanted.get(afterId) ?? null;
    windows.push(window);
  }
  const tornTails = [...(live.torn ? [LEDGER_FILES.windows] : []), ...(snapshots.torn ? [LEDGER_FILES.snapshots] : [])];
  return { windows, skipped: live.skipped, skippedCount: live.skippedCount, tornTails };
}

/** A finalized window row as the report reads it, with its captures' times when they are known. */
export function toReportWindow(row: WindowRow, startedAt: string | null = null, endedAt: string | null = null): ReportWindow {
  return {
    agent_id: row.agent_id,
    provider: row.provider,
    window_id: row.window_id,
    feature_id: row.feature_id,
    methodology: row.methodology,
    quality: row.quality_score,
    outcome: row.outcome,
    capacity: row.capacity,
    errors: row.errors,
    started_at: startedAt,
    ended_at: endedAt,
    completed_at: row.ts,
    ...(row.sequence === undefined ? {} : { sequence: row.sequence }),
    ...(row.period === undefined ? {} : { period: row.period }),
    ...(row.plan_id === undefined ? {} : { plan_id: row.plan_id }),
    ...(row.epoch === undefined ? {} : { epoch: row.epoch }),
    ...(row.subscription === undefined ? {} : { subscription: row.subscription }),
    ...(row.subagent_capacity === undefined ? {} : { subagent_capacity: row.subagent_capacity }),
  };
}
