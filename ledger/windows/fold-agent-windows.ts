// The current windows of one agent and provider, folded from the ledger: what the capture rules check.
import type { z } from 'zod';
import { AppError } from '../app-error.js';
import { SnapshotRowSchema, WindowRowSchema, type SnapshotRow, type WindowRow } from '../schemas/index.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { foldRows, type FoldableRow } from '../store/fold-rows.js';
import { scanLedger } from '../store/scan-ledger.js';

export interface AgentWindow {
  windowId: string;
  before: SnapshotRow | null;
  after: SnapshotRow | null;
  completion: WindowRow | null;
}

/** Windows of `agentId` for `provider`, in the order they were opened. Reads without repairing or locking. */
export function foldAgentWindows(dataDir: string, agentId: string, provider: string): AgentWindow[] {
  // A byte prefilter, loose enough for hand-formatted rows (`"agent_id": "main"`); fields are checked after parsing.
  const needles = [JSON.stringify(agentId), JSON.stringify(provider)];
  const snapshots = foldRows(readMatching(dataDir, LEDGER_FILES.snapshots, needles)).flatMap((row) =>
    row.kind === 'snapshot' ? [parseRow(SnapshotRowSchema, row, LEDGER_FILES.snapshots)] : [],
  );
  const completions = foldRows(readMatching(dataDir, LEDGER_FILES.windows, needles)).flatMap((row) =>
    row.kind === 'window' ? [parseRow(WindowRowSchema, row, LEDGER_FILES.windows)] : [],
  );
  const windows = new Map<string, AgentWindow>();
  const windowOf = (windowId: string): AgentWindow => {
    let window = windows.get(windowId);
    if (!window) {
      window = { windowId, before: null, after: null, completion: null };
      windows.set(windowId, window);
    }
    return window;
  };
  for (const row of snapshots) {
    if (row.agent_id !== agentId || row.provider !== provider) continue;
    windowOf(row.window_id)[row.phase] = row;
  }
  for (const row of completions) {
    if (row.agent_id !== agentId || row.provider !== provider) continue;
    windowOf(row.window_id).completion = row;
  }
  return [...windows.values()];
}

/** The window a capture without `--window` continues: the latest one not yet completed. */
export function findCurrentWindow(windows: AgentWindow[]): AgentWindow | null {
  for (let i = windows.length - 1; i >= 0; i -= 1) {
    const window = windows[i];
    if (window && !window.completion && (window.before || window.after)) return window;
  }
  return null;
}

function readMatching(dataDir: string, file: (typeof LEDGER_FILES)[keyof typeof LEDGER_FILES], needles: string[]) {
  const rows: (FoldableRow & Record<string, unknown>)[] = [];
  scanLedger(dataDir, file, (row) => rows.push(row as FoldableRow & Record<string, unknown>), { needles });
  return rows;
}

function parseRow<T>(schema: z.ZodType<T>, row: unknown, file: string): T {
  const parsed = schema.safeParse(row);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const id = (row as { id?: unknown }).id;
  const field = issue?.path.map(String).join('.') ?? '';
  throw new AppError('LEDGER_CORRUPT', `row ${String(id)} does not match its schema: ${field}: ${issue?.message}`, { where: file });
}
