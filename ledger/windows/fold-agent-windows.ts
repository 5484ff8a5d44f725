// The current windows of one agent and provider, folded from the ledger: what the capture rules check.
import type { z } from 'zod';
import { RetractionRowSchema, SnapshotRowSchema, WindowRowSchema, type SnapshotRow, type WindowRow } from '../schemas/index.js';
import { existsSync } from 'node:fs';
import { LEDGER_FILES, type LedgerFile } from '../store/data-dir.js';
import { locateLedgerFile } from '../store/locate-ledger-file.js';
import { foldRows, type FoldableRow } from '../store/fold-rows.js';
import { scanLedger, type UnreadableLine } from '../store/scan-ledger.js';

export interface AgentWindow {
  windowId: string;
  before: SnapshotRow | null;
  after: SnapshotRow | null;
  completion: WindowRow | null;
}

/** Rows that fail their schema are left out of the fold and reported here (file and line), not fatal. */
export type SkippedRowHandler = (skipped: UnreadableLine) => void;

/** Windows of `agentId` for `provider`, in the order they were opened. Reads without repairing or locking. */
export function foldAgentWindows(
  dataDir: string,
  agentId: string,
  provider: string,
  onSkipped: SkippedRowHandler = () => {},
): AgentWindow[] {
  // A byte prefilter, loose enough for hand-formatted rows (`"agent_id": "main"`); fields are checked after parsing.
  const needles = [JSON.stringify(agentId), JSON.stringify(provider)];
  const snapshots = readValid(dataDir, LEDGER_FILES.snapshots, needles, 'snapshot', SnapshotRowSchema, onSkipped);
  return foldWindows(snapshots, readCompletions(dataDir, agentId, provider, onSkipped), agentId, provider);
}

/** The agent's window rows for the provider in windows.jsonl (completions, corrections, retractions). */
export function readCompletions(dataDir: string, agentId: string, provider: string, onSkipped: SkippedRowHandler = () => {}): FoldInput[] {
  const rows: FoldInput[] = [];
  readCompletionsFrom(dataDir, agentId, provider, { onRow: (row) => rows.push(row), onSkipped });
  return rows;
}

/** readCompletions row by row from a line start on (a capture checkpoint); returns where it stopped. */
export function readCompletionsFrom(
  dataDir: string,
  agentId: string,
  provider: string,
  resume: { onRow: (row: FoldInput) => void; onSkipped: SkippedRowHandler; path?: string; from?: { offset: number; lineNo: number } },
): { offset: number; lineNo: number } {
  const needles = [JSON.stringify(agentId), JSON.stringify(provider)];
  return visitValid(dataDir, LEDGER_FILES.windows, needles, 'window', WindowRowSchema, resume);
}

/** Folds already-read snapshot rows and window rows (each with their retractions) into the agent's windows. */
export function foldWindows(snapshotRows: FoldInput[], windowRows: FoldInput[], agentId: string, provider: string): AgentWindow[] {
  const snapshots = foldRows(snapshotRows).filter(isKind<SnapshotRow>('snapshot'));
  const completions = foldRows(windowRows).filter(isKind<WindowRow>('window'));
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

/** Whether any capture was ever recorded here: refusals on a fresh directory must not create ledger files. */
export function hasCaptures(dataDir: string): boolean {
  return existsSync(locateLedgerFile(dataDir, LEDGER_FILES.snapshots));
}

/** The window a capture without `--window` continues: the latest one not yet completed. */
export function findCurrentWindow(windows: AgentWindow[]): AgentWindow | null {
  for (let i = windows.length - 1; i >= 0; i -= 1) {
    const window = windows[i];
    if (window && !window.completion && (window.before || window.after)) return window;
  }
  return null;
}

export type FoldInput = FoldableRow & { kind: string };

/** Rows of the file that match the prefilter and their schema (retractions against theirs). */
function readValid(
  dataDir: string,
  file: LedgerFile,
  needles: string[],
  kind: string,
  schema: z.ZodType<FoldInput>,
  onSkipped: SkippedRowHandler,
): FoldInput[] {
  const rows: FoldInput[] = [];
  visitValid(dataDir, file, needles, kind, schema, { onRow: (row) => rows.push(row), onSkipped });
  return rows;
}

function visitValid(
  dataDir: string,
  file: LedgerFile,
  needles: string[],
  kind: string,
  schema: z.ZodType<FoldInput>,
  visitor: { onRow: (row: FoldInput) => void; onSkipped: SkippedRowHandler; path?: string; from?: { offset: number; lineNo: number } },
): { offset: number; lineNo: number } {
  const { onSkipped } = visitor;
  const scanned = scanLedger(
    dataDir,
    file,
    (row, lineNo) => {
      // Other kinds share the file (readings beside snapshots) and play no part in the window rules.
      if (row.kind !== kind && row.kind !== 'retraction') return;
      const parsed = (row.kind === 'retraction' ? RetractionRowSchema : schema).safeParse(row);
      if (parsed.success) {
        visitor.onRow(parsed.data as FoldInput);
        return;
      }
      const issue = parsed.error.issues[0];
      onSkipped({
        file,
        lineNo,
        reason: `${issue?.path.map(String).join('.') || 'row'}: ${issue?.message ?? 'does not match its schema'}`,
      });
    },
    { needles, ...(visitor.path ? { path: visitor.path } : {}), ...(visitor.from ? { from: visitor.from } : {}) },
  );
  return { offset: scanned.end, lineNo: scanned.lines };
}

function isKind<T extends { kind: string }>(kind: T['kind']): (row: FoldInput) => row is FoldInput & T {
  return (row): row is FoldInput & T => row.kind === kind;
}
