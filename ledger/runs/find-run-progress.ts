// What the ledger says about a plan's arms: which are done (a window of the plan), which were started and cut short.
import { WindowRowSchema, type WindowRow } from '../schemas/window.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { collectDeadIds, type FoldableRow } from '../store/fold-rows.js';
import { scanLedger } from '../store/scan-ledger.js';
import { readArmIndex } from './arm-window-id.js';

/** The runner's capacity probes are tagged `<window>.before` (`.before2` after a reset wait) and `<window>.after`. */
const PROBE_SUFFIX = /\.(before\d*|after)$/;

export interface OpenAttempt {
  armIndex: number;
  windowId: string;
  provider: string;
  agentId: string;
  /** Captures still live (not retracted): `before`, and `after` when the run died just before completing. */
  phases: ('before' | 'after')[];
}

export interface RunProgress {
  /** Arm index -> its finalized window (the latest correction when amended). */
  done: Map<number, WindowRow>;
  /** Arms with a capture but no finalized window: a run died while they ran. */
  open: OpenAttempt[];
  /** Arm index -> how many windows were started for it (for the next attempt's number). */
  attempts: Map<number, number>;
}

/** Arm index -> the plan's finalized window of that arm (the latest correction when amended): windows.jsonl only. */
export function findDoneArms(dataDir: string, planId: string): Map<number, WindowRow> {
  const done = new Map<number, WindowRow>();
  const windowRows: (FoldableRow & Record<string, unknown>)[] = [];
  scanLedger(dataDir, LEDGER_FILES.windows, (row) => windowRows.push(row as FoldableRow & Record<string, unknown>), { needles: [planId] });
  const deadWindows = collectDeadIds(windowRows);
  for (const raw of windowRows) {
    if (raw.kind !== 'window' || raw.plan_id !== planId || deadWindows.has(raw.id)) continue;
    const parsed = WindowRowSchema.safeParse(raw);
    const index = parsed.success ? readArmIndex(planId, parsed.data.window_id) : null;
    if (parsed.success && index !== null) done.set(index, parsed.data);
  }
  return done;
}

export function findRunProgress(dataDir: string, planId: string): RunProgress {
  const done = findDoneArms(dataDir, planId);
  const completed = new Set([...done.values()].map((window) => window.window_id));

  const snapshots: (FoldableRow & Record<string, unknown>)[] = [];
  scanLedger(dataDir, LEDGER_FILES.snapshots, (row) => snapshots.push(row as FoldableRow & Record<string, unknown>), { needles: [planId] });
  const dead = collectDeadIds(snapshots);
  const started = new Map<string, { armIndex: number }>();
  const open = new Map<string, OpenAttempt>();
  // A window id is spent once anything was tagged with it (a capture, a proxy reading, a request):
  // a redo under the same id would pick up that attempt's readings and add up its tokens.
  const noteStarted = (windowId: unknown): void => {
    if (typeof windowId !== 'string') return;
    const base = windowId.replace(PROBE_SUFFIX, '');
    const armIndex = readArmIndex(planId, base);
    if (armIndex !== null) started.set(base, { armIndex });
  };
  scanLedger(dataDir, LEDGER_FILES.proxyTelemetry, (row) => noteStarted(row.window_id), { needles: [planId] });
  for (const row of snapshots) {
    noteStarted(row.window_id);
    if (row.kind !== 'snapshot' || typeof row.window_id !== 'string') continue;
    const armIndex = readArmIndex(planId, row.window_id);
    if (armIndex === null) continue;
    if (dead.has(row.id) || completed.has(row.window_id)) continue;
    const attempt = open.get(row.window_id) ?? {
      armIndex,
      windowId: row.window_id,
      provider: String(row.provider),
      agentId: String(row.agent_id),
      phases: [],
    };
    attempt.phases.push(row.phase === 'after' ? 'after' : 'before');
    open.set(row.window_id, attempt);
  }
  const attempts = new Map<number, number>();
  for (const { armIndex } of started.values()) attempts.set(armIndex, (attempts.get(armIndex) ?? 0) + 1);
  return { done, open: [...open.values()].filter((attempt) => !done.has(attempt.armIndex)), attempts };
}
