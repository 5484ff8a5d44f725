// One arm as the Arms page opens it: the window row, the capacity captures before and after with their source, the proxy's requests, the evidence.
import { collectDeadIds, type FoldableRow, LEDGER_FILES, type LedgerFile, scanLedger, WindowIdSchema } from '../ledger/index.js';
import { AppError } from '../kernel/index.js';
import { type ArmEvidence, readArmEvidence } from '../ledger/evidence/index.js';

type Row = FoldableRow & Record<string, unknown>;

export interface ArmDetail {
  window_id: string;
  /** The window row as recorded (the latest live correction), or null when the arm has not finished. */
  window: Row | null;
  /** Live snapshot rows tagged with the window (before, after, the runner's probes), in file order. */
  captures: Row[];
  /** The proxy's telemetry rows of the window, in order (the first ones, when there are very many). */
  requests: Row[];
  requests_total: number;
  /** The arm's evidence folder (Contract 1), or null when the arm has none (runs before it was recorded). */
  evidence: ArmEvidence | null;
}

/** Requests listed per arm; the rest are counted. */
const MAX_REQUESTS = 500;

/** Live rows of one ledger file that mention the window id, by scanning only lines that contain it. */
function readLiveRows(dataDir: string, file: LedgerFile, windowId: string): Row[] {
  const rows: Row[] = [];
  scanLedger(dataDir, file, (row) => rows.push(row as Row), { needles: [windowId] });
  const dead = collectDeadIds(rows);
  return rows.filter((row) => !dead.has(row.id) && row.kind !== 'retraction');
}

export function readArmDetail(dataDir: string, windowId: string): ArmDetail {
  const parsed = WindowIdSchema.safeParse(windowId);
  if (!parsed.success) throw new AppError('BAD_USAGE', `not a window id: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const windows = readLiveRows(dataDir, LEDGER_FILES.windows, windowId).filter(
    (row) => row.kind === 'window' && row.window_id === windowId,
  );
  // The runner tags its probes `<window>.before` and `<window>.after`; a manual capture carries the id itself.
  const captures = readLiveRows(dataDir, LEDGER_FILES.snapshots, windowId).filter(
    (row) => typeof row.window_id === 'string' && (row.window_id === windowId || row.window_id.startsWith(`${windowId}.`)),
  );
  const requests = readLiveRows(dataDir, LEDGER_FILES.proxyTelemetry, windowId).filter((row) => row.window_id === windowId);
  const found = readArmEvidence(dataDir, windowId);
  const evidence =
    found.summary === null &&
    found.turns === null &&
    found.diff === null &&
    found.tests === null &&
    found.testLog === null &&
    found.problems.length === 0
      ? null
      : found;
  if (windows.length === 0 && captures.length === 0 && requests.length === 0 && evidence === null)
    throw new AppError('NOT_FOUND', `no window ${windowId} in this ledger`);
  return {
    window_id: windowId,
    window: windows.at(-1) ?? null,
    captures,
    requests: requests.slice(0, MAX_REQUESTS),
    requests_total: requests.length,
    evidence,
  };
}
