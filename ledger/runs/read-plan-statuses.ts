// Each recorded plan's progress arm by arm (done, started, pending), how its last run ended and whether a runner holds it now.
import { AssignmentRowSchema, type AssignmentRow } from '../schemas/assignment.js';
import { RunStopRowSchema } from '../schemas/run-stop.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { scanLedger } from '../store/scan-ledger.js';
import { readLedgerUrl } from '../pg/ledger-binding.js';
import { decideEnded, decidePlanState, type PlanState, type RecordedStop } from './decide-plan-state.js';
import { findRunProgressOfPlans, type RunProgress } from './find-run-progress.js';
import { readRunLock, type RunLockInfo } from './run-lock.js';
import { type InfrastructureFailure, readRunRecord } from './run-record.js';

export type ArmState = 'done' | 'open' | 'pending';

export interface ArmStatus {
  arm_index: number;
  period: number;
  /** Set for plans run with --epochs. */
  epoch?: number | undefined;
  task_id: string;
  provider: string;
  state: ArmState;
  window_id: string | null;
  outcome: string | null;
  quality: number | null;
  capacity_delta: number | null;
  /** When its window was finalized (the window row's ts). */
  finished_at: string | null;
}

export interface PlanStatus {
  plan_id: string;
  seed: string;
  providers: string[];
  /** Runs of each (task, provider): 1 for a plan without --epochs. */
  epochs: number;
  arms: number;
  done: number;
  open: number;
  pending: number;
  /**
   * running: a live runner here holds the plan; elsewhere: no runner here, but on a shared (PostgreSQL) ledger an arm
   * finished in the last 30 minutes; stopped: a stop rule or a spent budget ended its last run; failed: an error did;
   * interrupted: it died.
   */
  state: PlanState;
  /** When its newest arm finished, or null. */
  last_finished_at: string | null;
  stopped_by: string | null;
  runner_pid: number | null;
  arm_states: ArmStatus[];
  /** Arms the last run could not run (never scored, still pending), with why. */
  infrastructure_failures: InfrastructureFailure[];
}

/**
 * Every recorded plan's status (or only `plan`'s), in the order plans were first recorded. `runLock`: the run lock as
 * the caller already looked at it (a reader thread takes no file lock, and looking at one takes a shared lock).
 */
export function readPlanStatuses(
  dataDir: string,
  plan: string | undefined,
  now: Date = new Date(),
  runLock?: { held: RunLockInfo | null },
): PlanStatus[] {
  const { plans: all, stops } = readPlans(dataDir);
  const plans = all.filter((rows) => plan === undefined || rows[0]?.plan_id === plan);
  // One pass over each ledger file for every plan: a team ledger holds many plans, and the viewer shows them all.
  const progress = findRunProgressOfPlans(
    dataDir,
    plans.map((rows) => (rows[0] as PlanArm).plan_id),
  );
  const shared = readLedgerUrl(dataDir) !== null;
  // One look at the lock for all plans: it names the one plan a live runner holds.
  const held = runLock ? runLock.held : readRunLock(dataDir);
  return plans.map((rows) => {
    const planId = (rows[0] as PlanArm).plan_id;
    return buildPlanStatus(dataDir, rows, progress.get(planId) as RunProgress, {
      held,
      shared,
      nowMs: now.getTime(),
      stop: stops.get(planId) ?? null,
    });
  });
}

/** What a plan's status reads of an assignment row (its stamps are most of the row). */
type PlanArm = Pick<AssignmentRow, 'plan_id' | 'seed' | 'providers' | 'epochs' | 'arm_index' | 'period' | 'epoch' | 'task_id' | 'provider'>;

/** Assignment rows grouped by plan, in the order plans were first recorded, and each plan's latest stop rule row. */
function readPlans(dataDir: string): { plans: PlanArm[][]; stops: Map<string, RecordedStop> } {
  const plans = new Map<string, PlanArm[]>();
  const stops = new Map<string, RecordedStop>();
  scanLedger(dataDir, LEDGER_FILES.assignments, (row) => {
    if (row.kind === 'run-stop') {
      const stop = RunStopRowSchema.safeParse(row);
      const known = stop.success ? stops.get(stop.data.plan_id) : undefined;
      if (stop.success && (!known || stop.data.ts >= known.ts))
        stops.set(stop.data.plan_id, { ts: stop.data.ts, reason: stop.data.reason });
      return;
    }
    const parsed = AssignmentRowSchema.safeParse(row);
    if (!parsed.success) return;
    const rows = plans.get(parsed.data.plan_id) ?? [];
    const { plan_id, seed, providers, epochs, arm_index, period, epoch, task_id, provider } = parsed.data;
    // One providers list per plan, not per arm (a plan of 10,000 arms repeats it 10,000 times).
    const same = rows[0]?.providers.join('\u0000') === providers.join('\u0000');
    const arm = {
      plan_id,
      seed,
      providers: same ? (rows[0] as PlanArm).providers : providers,
      epochs,
      arm_index,
      period,
      epoch,
      task_id,
      provider,
    };
    rows.push(arm);
    plans.set(parsed.data.plan_id, rows);
  });
  return { plans: [...plans.values()].map((rows) => rows.sort((a, b) => a.arm_index - b.arm_index)), stops };
}

function buildPlanStatus(
  dataDir: string,
  rows: PlanArm[],
  progress: RunProgress,
  ledger: { held: RunLockInfo | null; shared: boolean; nowMs: number; stop: RecordedStop | null },
): PlanStatus {
  const first = rows[0] as PlanArm;
  const openByArm = new Map(progress.open.map((attempt) => [attempt.armIndex, attempt]));
  const armStates = rows.map((row): ArmStatus => {
    const window = progress.done.get(row.arm_index);
    const open = openByArm.get(row.arm_index);
    return {
      arm_index: row.arm_index,
      period: row.period,
      ...(row.epoch === undefined ? {} : { epoch: row.epoch }),
      task_id: row.task_id,
      provider: row.provider,
      state: window ? 'done' : open ? 'open' : 'pending',
      window_id: window?.window_id ?? open?.windowId ?? null,
      outcome: window?.outcome ?? null,
      quality: window?.quality_score ?? null,
      capacity_delta: window?.capacity_delta ?? null,
      finished_at: window?.ts ?? null,
    };
  });
  const count = (state: ArmState): number => armStates.filter((arm) => arm.state === state).length;
  const lock = ledger.held?.plan_id === first.plan_id ? ledger.held : null;
  const done = count('done');
  // How the last run ended: a stop rule or a spent budget (`stopped`), or it died (still `running` in the record).
  const record = readRunRecord(dataDir, first.plan_id);
  const lastFinished = armStates.reduce<string | null>(
    (latest, arm) => (arm.finished_at !== null && (latest === null || arm.finished_at > latest) ? arm.finished_at : latest),
    null,
  );
  const { ended, stoppedBy } = decideEnded({
    record: record ? { state: record.state, stopped_by: record.stopped_by } : null,
    stop: ledger.stop,
    shared: ledger.shared,
    armsLeft: done < rows.length,
    lastFinished,
  });
  const state = decidePlanState({
    lockedHere: lock?.alive === true,
    arms: rows.length,
    done,
    open: count('open'),
    ended,
    shared: ledger.shared,
    lastFinishedAt: lastFinished,
    nowMs: ledger.nowMs,
  });
  return {
    plan_id: first.plan_id,
    seed: first.seed,
    providers: first.providers,
    epochs: first.epochs ?? 1,
    arms: rows.length,
    done,
    open: count('open'),
    pending: count('pending'),
    state,
    last_finished_at: lastFinished,
    stopped_by: stoppedBy,
    runner_pid: lock?.alive ? lock.pid : null,
    arm_states: armStates,
    // Only while those arms are still pending: a later run that did them clears the record.
    infrastructure_failures: (record?.infrastructure_failures ?? []).filter(
      (failure) => armStates.find((arm) => arm.arm_index === failure.arm_index)?.state !== 'done',
    ),
  };
}
