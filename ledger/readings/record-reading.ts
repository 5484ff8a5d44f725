// Records a capacity reading (statusLine, later ingest) only when it differs from the agent's last one.
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { Bars, ReadingRow } from '../schemas/index.js';
import { stampRow, type StampContext } from '../store/stamp-row.js';
import { readMachineId } from '../vocabulary/index.js';
import { appendRows } from '../store/append-rows.js';
import { LEDGER_FILES, resolveAgentStateDir } from '../store/data-dir.js';
import { locateLedgerFile } from '../store/locate-ledger-file.js';
import { readStateJson } from '../store/read-bounded-file.js';
import { writeJsonAtomically } from '../store/write-json-atomically.js';

export interface ReadingRequest {
  provider: string;
  /** The source: claude-statusline, ... */
  format: string;
  capturedAt: Date;
  bars: Bars;
  sessionId?: string | null;
  model?: string | null;
  /** The window it was read for, when there is one. */
  windowId?: string | null;
  /** The account read (`acct-…`), when the source could tell it: two logins' readings are compared apart. */
  account?: string | null;
}

export interface ReadingOutcome {
  /** False when the reading equals the last one recorded for this agent, provider and source. */
  recorded: boolean;
  row: ReadingRow | null;
}

const LAST_READINGS = 'last-readings.json';

/**
 * The comparison with the last reading and the append happen under the snapshot file's lock, so a prompt
 * sent 50 times with the same bars records one row even when the statusLine runs concurrently.
 */
export function recordReadingIfChanged(dataDir: string, ctx: StampContext, request: ReadingRequest): ReadingOutcome {
  const statePath = join(resolveAgentStateDir(dataDir, ctx.agentId), LAST_READINGS);
  const slot = `${request.provider}/${request.format}${request.account ? `/${request.account}` : ''}`;
  const fingerprint = JSON.stringify(request.bars);
  const [row] = appendRows<ReadingRow>(
    dataDir,
    LEDGER_FILES.snapshots,
    () => {
      // The cache answers fast; the ledger's tail settles it (another process may have just written it).
      if (readLastReadings(statePath)[slot] === fingerprint) return [];
      if (findLastFingerprint(dataDir, ctx.agentId, request) === fingerprint) return [];
      return [buildReadingRow(ctx, request)];
    },
    ctx,
  );
  // Only after the row is on disk: a failed append must not mark these bars as recorded.
  if (row) writeJsonAtomically(statePath, { ...readLastReadings(statePath), [slot]: fingerprint });
  return { recorded: row !== undefined, row: row ?? null };
}

/** Appends one reading row per request, unconditionally, in one append: all of them or none (a full disk writes nothing). */
export function recordReadings(dataDir: string, ctx: StampContext, requests: readonly ReadingRequest[]): ReadingRow[] {
  if (requests.length === 0) return [];
  return appendRows<ReadingRow>(dataDir, LEDGER_FILES.snapshots, () => requests.map((request) => buildReadingRow(ctx, request)), ctx);
}

function buildReadingRow(ctx: StampContext, request: ReadingRequest): ReadingRow {
  return stampRow(ctx, 'reading', {
    provider: request.provider,
    captured_at: request.capturedAt.toISOString(),
    format: request.format,
    bars: request.bars,
    ...(request.sessionId ? { session_id: request.sessionId } : {}),
    ...(request.model ? { model: request.model } : {}),
    ...(request.windowId ? { window_id: request.windowId } : {}),
    ...(request.account ? { account: request.account } : {}),
    machine: readMachineId(),
  }) as ReadingRow;
}

const TAIL_BYTES = 256 * 1024;

/** The bars of this agent's latest reading of this provider and source among the ledger's last rows, if any. */
function findLastFingerprint(dataDir: string, agentId: string, request: ReadingRequest): string | null {
  const path = locateLedgerFile(dataDir, LEDGER_FILES.snapshots);
  if (!existsSync(path)) return null;
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n');
    for (let i = lines.length - 1; i >= 0; i -= 1) {
      const line = lines[i] ?? '';
      if (!line.includes('"kind":"reading"') || !line.includes(JSON.stringify(request.format))) continue;
      try {
        const row = JSON.parse(line) as { agent_id?: string; provider?: string; format?: string; bars?: unknown; account?: string };
        const sameAccount = (row.account ?? null) === (request.account ?? null);
        if (row.agent_id === agentId && row.provider === request.provider && row.format === request.format && sameAccount)
          return JSON.stringify(row.bars);
      } catch {
        // a line cut by the window's start: older than what matters
      }
    }
    return null;
  } finally {
    closeSync(fd);
  }
}

/** The fingerprints of the last readings; a missing or damaged file means none (it is a cache of the ledger). */
function readLastReadings(path: string): Record<string, string> {
  const value = readStateJson(path);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, string>) : {};
}
