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

/** What the progress keeps of a finalized window (a plan's status reads no more of it). */
export type DoneWindow = Pick<WindowRow, 'window_id' | 'outcome' | 'quality_score' | 'ts'> & { capacity_delta: number | null };

export interface RunProgress {
  /** Arm index -> its finalized window (the latest correction when amended). */
  done: Map<number, DoneWindow>;
  /** Arms with a capture but no finalized window: a run died while they ran. */
  open: OpenAttempt[];
  /** Arm index -> how many windows were started for it (for the next attempt's number). */
  attempts: Map<number, number>;
}

/** Arm index -> the plan's finalized window of that arm (the latest correction when amended): windows.jsonl only. */
export function findDoneArms(dataDir: string, planId: string): Map<number, WindowRow> {
  return findDoneArmsOfPlans(dataDir, [planId], (row) => row).get(planId) ?? new Map();
}

/**
 * The same for several plans in one pass over windows.jsonl (the viewer shows every plan at once), keeping what
 * `project` keeps of each window: 100,000 whole window rows were ~120 MB of a viewer's heap.
 */
function findDoneArmsOfPlans<T>(dataDir: string, planIds: readonly string[], project: (row: WindowRow) => T): Map<string, Map<number, T>> {
  const plans = new Set(planIds);
  const byPlan = new Map(planIds.map((planId) => [planId, new Map<number, T>()]));
  // Each row is parsed as it is read and only the parsed copy kept (with the fold's fields of the rest): holding
  // every raw row until the fold doubled what a viewer of 100,000 windows held at its peak.
  const folds: FoldableRow[] = [];
  const candidates: { id: string; planId: string; index: number; row: T }[] = [];
  scanLedger(
    dataDir,
    LEDGER_FILES.windows,
    (raw) => {
      const { id, kind, supersedes, target_id } = raw as unknown as FoldableRow;
      folds.push({ id, kind, supersedes, target_id });
      if (kind !== 'window' || typeof raw.plan_id !== 'string' || !plans.has(raw.plan_id)) return;
      const parsed = WindowRowSchema.safeParse(raw);
      const index = parsed.success ? readArmIndex(raw.plan_id, parsed.data.window_id) : null;
      if (parsed.success && index !== null) candidates.push({ id, planId: raw.plan_id, index, row: project(parsed.data) });
    },
    { needles: [...plans], match: 'any' },
  );
  const deadWindows = collectDeadIds(folds);
  for (const { id, planId, index, row } of candidates) if (!deadWindows.has(id)) byPlan.get(planId)?.set(index, row);
  return byPlan;
}

/**
 * The plan among `plans` whose arm a window id names (`<plan>-a<NNN>-...`, or a probe of one), and the arm index.
 * Each `-a` in the id is tried as the end of the plan id, so a plan id holding `-a` itself still matches.
 */
function matchPlanArm(plans: ReadonlySet<string>, windowId: string): { planId: string; armIndex: number } | null {
  for (let at = windowId.indexOf('-a'); at > 0; at = windowId.indexOf('-a', at + 1)) {
    const planId = windowId.slice(0, at);
    if (!plans.has(planId)) continue;
    const armIndex = readArmIndex(planId, windowId);
    if (armIndex !== null) return { planId, armIndex };
  }
  return null;
}

export function findRunProgress(dataDir: string, planId: string): RunProgress {
  return findRunProgressOfPlans(dataDir, [planId]).get(planId) as RunProgress;
}

/** findRunProgress for several plans, reading each ledger file once for all of them. */
export function findRunProgressOfPlans(dataDir: string, planIds: readonly string[]): Map<string, RunProgress> {
  const plans = new Set(planIds);
  const doneByPlan = findDoneArmsOfPlans(
    dataDir,
    planIds,
    (row): DoneWindow => ({
      window_id: row.window_id,
      outcome: row.outcome,
      quality_score: row.quality_score,
      ts: row.ts,
      capacity_delta: row.capacity?.delta ?? null,
    }),
  );
  const completed = new Set<string>();
  for (const done of doneByPlan.values()) for (const window of done.values()) completed.add(window.window_id);

  const snapshots: (FoldableRow & Record<string, unknown>)[] = [];
  const needles = { needles: [...plans], match: 'any' as const };
  // Only what the fold and the open attempts read of a capture (its bars and stamps are most of the row).
  scanLedger(
    dataDir,
    LEDGER_FILES.snapshots,
    (row) => {
      const { id, kind, supersedes, target_id, window_id, provider, agent_id, phase } = row as FoldableRow & Record<string, unknown>;
      snapshots.push({ id, kind, supersedes, target_id, window_id, provider, agent_id, phase });
    },
    needles,
  );
  const dead = collectDeadIds(snapshots);
  const started = new Map<string, { planId: string; armIndex: number }>();
  const open = new Map<string, OpenAttempt & { planId: string }>();
  // A window id is spent once anything was tagged with it (a capture, a proxy reading, a request):
  // a redo under the same id would pick up that attempt's readings and add up its tokens.
  const noteStarted = (windowId: unknown): void => {
    if (typeof windowId !== 'string') return;
    const base = windowId.replace(PROBE_SUFFIX, '');
    const arm = matchPlanArm(plans, base);
    if (arm !== null) started.set(base, arm);
  };
  scanLedger(dataDir, LEDGER_FILES.proxyTelemetry, (row) => noteStarted(row.window_id), needles);
  for (const row of snapshots) {
    noteStarted(row.window_id);
    if (row.kind !== 'snapshot' || typeof row.window_id !== 'string') continue;
    const arm = matchPlanArm(plans, row.window_id);
    if (arm === null || dead.has(row.id) || completed.has(row.window_id)) continue;
    const attempt = open.get(row.window_id) ?? {
      planId: arm.planId,
      armIndex: arm.armIndex,
      windowId: row.window_id,
      provider: String(row.provider),
      agentId: String(row.agent_id),
      phases: [],
    };
    attempt.phases.push(row.phase === 'after' ? 'after' : 'before');
    open.set(row.window_id, attempt);
  }
  const progress = new Map<string, RunProgress>();
  for (const planId of plans) progress.set(planId, { done: doneByPlan.get(planId) ?? new Map(), open: [], attempts: new Map() });
  for (const { planId, armIndex } of started.values()) {
    const attempts = (progress.get(planId) as RunProgress).attempts;
    attempts.set(armIndex, (attempts.get(armIndex) ?? 0) + 1);
  }
  for (const { planId, ...attempt } of open.values()) {
    const entry = progress.get(planId) as RunProgress;
    if (!entry.done.has(attempt.armIndex)) entry.open.push(attempt);
  }
  return progress;
}
