// Records a capacity reading (statusLine, later ingest) only when it differs from the agent's last one.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bars, ReadingRow } from '../schemas/index.js';
import { stampRow, type StampContext } from '../stamp-row.js';
import { appendRows } from '../store/append-rows.js';
import { LEDGER_FILES, resolveAgentStateDir } from '../store/data-dir.js';
import { writeJsonAtomically } from '../store/write-json-atomically.js';

export interface ReadingRequest {
  provider: string;
  /** The source: claude-statusline, ... */
  format: string;
  capturedAt: Date;
  bars: Bars;
  sessionId?: string | null;
  model?: string | null;
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
  const slot = `${request.provider}/${request.format}`;
  const fingerprint = JSON.stringify(request.bars);
  const [row] = appendRows<ReadingRow>(
    dataDir,
    LEDGER_FILES.snapshots,
    () => {
      const last = readLastReadings(statePath);
      if (last[slot] === fingerprint) return [];
      writeJsonAtomically(statePath, { ...last, [slot]: fingerprint });
      return [buildReadingRow(ctx, request)];
    },
    ctx,
  );
  return { recorded: row !== undefined, row: row ?? null };
}

function buildReadingRow(ctx: StampContext, request: ReadingRequest): ReadingRow {
  return stampRow(ctx, 'reading', {
    provider: request.provider,
    captured_at: request.capturedAt.toISOString(),
    format: request.format,
    bars: request.bars,
    ...(request.sessionId ? { session_id: request.sessionId } : {}),
    ...(request.model ? { model: request.model } : {}),
  }) as ReadingRow;
}

/** The fingerprints of the last readings; a missing or damaged file means none (it is a cache of the ledger). */
function readLastReadings(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, string>) : {};
  } catch {
    return {};
  }
}
