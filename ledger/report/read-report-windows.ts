// Reads the completed windows the report needs: the folded window rows and the capture times of their snapshots.
import { WindowRowSchema, type WindowRow } from '../schemas/index.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { locateLedgerFile } from '../store/locate-ledger-file.js';
import { readLines } from '../store/read-lines.js';
import { readLiveRows } from './read-live-rows.js';
import type { ReportWindow, SkippedLine } from './report-ledger.js';

export interface ReportWindows {
  windows: ReportWindow[];
  skipped: SkippedLine[];
  skippedCount: number;
  tornTails: string[];
}

/** What a reader that needs less may leave out: other providers' windows, the capture times (durations). */
export interface ReportNarrowing {
  providers?: readonly string[];
  captureTimes?: boolean;
}

const ID_PREFIX = '{"id":"';
const CAPTURED = '"captured_at":"';

/**
 * Completed windows, one per (agent, provider, window): a later completion of the same window replaces an
 * earlier one in place (an amend supersedes it anyway). Durations come from the snapshots the window row
 * names; snapshot lines are matched on their leading id, so only the few hundred bytes of a wanted row are read.
 */
export function readReportWindows(dataDir: string, narrow: ReportNarrowing = {}): ReportWindows {
  const live = readLiveRows(dataDir, LEDGER_FILES.windows, 'window', WindowRowSchema, createProviderFilter(narrow.providers));
  const byKey = new Map<string, WindowRow>();
  for (const row of live.rows) byKey.set(`${row.agent_id}\u0000${row.provider}\u0000${row.window_id}`, row);
  const wanted = new Map<string, string | null>();
  for (const row of byKey.values()) {
    wanted.set(row.before_id, null);
    wanted.set(row.after_id, null);
  }
  const snapshots = narrow.captureTimes === false ? { torn: false } : readCaptureTimes(dataDir, wanted);
  const windows = [...byKey.values()].map((row) =>
    toReportWindow(row, wanted.get(row.before_id) ?? null, wanted.get(row.after_id) ?? null),
  );
  const tornTails = [...(live.torn ? [LEDGER_FILES.windows] : []), ...(snapshots.torn ? [LEDGER_FILES.snapshots] : [])];
  return { windows, skipped: live.skipped, skippedCount: live.skippedCount, tornTails };
}

/** Fills `wanted` (snapshot id -> captured_at) from snapshots.jsonl. */
function readCaptureTimes(dataDir: string, wanted: Map<string, string | null>): { torn: boolean } {
  if (wanted.size === 0) return { torn: false };
  const read = readLines(locateLedgerFile(dataDir, LEDGER_FILES.snapshots), ({ text }) => {
    let id: string | undefined;
    if (text.startsWith(ID_PREFIX)) id = text.slice(ID_PREFIX.length, text.indexOf('"', ID_PREFIX.length));
    else id = parseField(text, 'id');
    if (id === undefined || !wanted.has(id)) return;
    const at = text.indexOf(CAPTURED);
    const capturedAt =
      at === -1 ? parseField(text, 'captured_at') : text.slice(at + CAPTURED.length, text.indexOf('"', at + CAPTURED.length));
    wanted.set(id, capturedAt !== undefined && !Number.isNaN(Date.parse(capturedAt)) ? capturedAt : null);
  });
  return { torn: read.tail !== null };
}

/** A string field of a row not written in canonical form (a hand-edited line); undefined when it has none. */
function parseField(text: string, field: string): string | undefined {
  try {
    const value = (JSON.parse(text) as Record<string, unknown>)[field];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
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

/**
 * Keeps the lines that name one of `providers` as a quoted string, and every line that may retract or correct
 * another (the fold needs those whatever they name). Loose on purpose, like the preview's byte search
 * (ADR 0002): a false match only costs one parse, and a hand-formatted row still holds `"claude"`.
 */
function createProviderFilter(providers: readonly string[] | undefined): ((text: string) => boolean) | undefined {
  if (providers === undefined) return undefined;
  const quoted = providers.map((provider) => JSON.stringify(provider));
  return (text) => text.includes('retraction"') || text.includes('supersedes"') || quoted.some((provider) => text.includes(provider));
}
