// `experiment status`: how far each recorded plan got, arm by arm, read from the ledger (and whether a runner holds it now).
import { resolve } from 'node:path';
import { Command } from 'commander';
import { AssignmentRowSchema, LEDGER_FILES, scanLedger, type AssignmentRow } from '../../ledger/index.js';
import { findRunProgress, loadTaskBank } from '../../runner/index.js';
import { pickRunTasks } from '../pick-run-tasks.js';
import { resolveContext } from '../global-options.js';
import { printResult } from '../print-output.js';
import { resolveTaskBankDir } from '../resolve-task-bank.js';
import { readRunLock } from '../run-lock.js';
import { describeInfrastructureFailures, type InfrastructureFailure, readRunRecord } from '../run-record.js';
import { readPlanLeases, renderPlanLeases } from './experiment-status-leases.js';
import { watchStatus, type StatusFlags } from './experiment-status-watch.js';
import { formatStartHint, quoteForShell } from './shell-hints.js';

type ArmState = 'done' | 'open' | 'pending';

interface ArmStatus {
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
  /** running: a live runner holds the plan; stopped: a stop rule or a spent budget ended its last run; failed: an error did; interrupted: it died. */
  state: 'running' | 'stopped' | 'failed' | 'interrupted' | 'complete' | 'not-started';
  stopped_by: string | null;
  runner_pid: number | null;
  arm_states: ArmStatus[];
  /** Arms the last run could not run (never scored, still pending), with why. */
  infrastructure_failures: InfrastructureFailure[];
}

export function createStatusCommand(): Command {
  return new Command('status')
    .description(
      'progress of the recorded experiment plans: arms done (outcome, quality, delta), cut short, pending; whether a runner is on it; --watch follows a run live',
    )
    .option('--plan <id>', 'only this plan')
    .option(
      '--watch',
      'a live dashboard while a run goes on: progress and ETA, the last arms, the bars with time to their limit, the verdict at the end; waits for a run to start (a block per change when not a terminal; --json: one JSON object per change)',
    )
    .option('--every <duration>', 'with --watch: how often to look (1s to 24h)', '2s')
    .option('--count <n>', 'with --watch: stop after this many looks (default: until the run ends, or Ctrl-C)')
    .action(async function (this: Command, flags: StatusFlags) {
      const ctx = resolveContext(this);
      if (flags.watch) return watchStatus(ctx, flags, (plan) => readPlanStatuses(ctx.dataDir, plan));
      const statuses = readPlanStatuses(ctx.dataDir, flags.plan);
      const queues = await readPlanLeases(ctx.dataDir, flags.plan);
      printResult(
        ctx.json,
        queues === null ? { plans: statuses } : { plans: statuses, queues },
        () => renderStatuses(statuses, flags.plan, ctx.dataDir) + (queues === null ? '' : renderPlanLeases(queues)),
      );
    });
}

/** Every recorded plan's status (or only `plan`'s), in the order plans were first recorded. */
export function readPlanStatuses(dataDir: string, plan: string | undefined): PlanStatus[] {
  return readPlans(dataDir)
    .filter((rows) => plan === undefined || rows[0]?.plan_id === plan)
    .map((rows) => buildPlanStatus(dataDir, rows));
}

/** Assignment rows grouped by plan, in the order plans were first recorded. */
function readPlans(dataDir: string): AssignmentRow[][] {
  const plans = new Map<string, AssignmentRow[]>();
  scanLedger(dataDir, LEDGER_FILES.assignments, (row) => {
    const parsed = AssignmentRowSchema.safeParse(row);
    if (!parsed.success) return;
    const rows = plans.get(parsed.data.plan_id) ?? [];
    rows.push(parsed.data);
    plans.set(parsed.data.plan_id, rows);
  });
  return [...plans.values()].map((rows) => rows.sort((a, b) => a.arm_index - b.arm_index));
}

function buildPlanStatus(dataDir: string, rows: AssignmentRow[]): PlanStatus {
  const first = rows[0] as AssignmentRow;
  const progress = findRunProgress(dataDir, first.plan_id);
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
      capacity_delta: window?.capacity?.delta ?? null,
      finished_at: window?.ts ?? null,
    };
  });
  const count = (state: ArmState): number => armStates.filter((arm) => arm.state === state).length;
  const held = readRunLock(dataDir);
  const lock = held?.plan_id === first.plan_id ? held : null;
  const done = count('done');
  // How the last run ended: a stop rule or a spent budget (`stopped`), or it died (still `running` in the record).
  const record = readRunRecord(dataDir, first.plan_id);
  const ended = done < rows.length && (record?.state === 'stopped' || record?.state === 'failed') ? record.state : null;
  const stoppedBy = ended ? (record?.stopped_by ?? null) : null;
  const state = lock?.alive
    ? 'running'
    : done === rows.length
      ? 'complete'
      : ended
        ? ended
        : done + count('open') === 0
          ? 'not-started'
          : 'interrupted';
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
    stopped_by: stoppedBy,
    runner_pid: lock?.alive ? lock.pid : null,
    arm_states: armStates,
    // Only while those arms are still pending: a later run that did them clears the record.
    infrastructure_failures: (record?.infrastructure_failures ?? []).filter(
      (failure) => armStates.find((arm) => arm.arm_index === failure.arm_index)?.state !== 'done',
    ),
  };
}

/**
 * A command that resumes this plan when pasted into a shell: `npx experiment run` with the seed, providers,
 * `--only` when its tasks are not the built-in bank's default subset (`--all-tasks` for the whole bank), and the data dir, each shell-quoted. A plan run from
 * a `--tasks` folder needs that folder again: the ledger does not record where it was.
 */
function formatResumeCommand(status: PlanStatus, dataDir: string): string {
  const tasks = [...new Set(status.arm_states.map((arm) => arm.task_id))].sort();
  let bank: string[] = [];
  let subset: string[] = [];
  try {
    const all = loadTaskBank(resolveTaskBankDir(undefined));
    bank = all.map((task) => task.meta.id);
    subset = pickRunTasks(all, {}).bank.map((task) => task.meta.id);
  } catch {
    // no built-in bank to compare with: name the tasks
  }
  // A plain run takes the default subset; the whole bank needs --all-tasks; anything else is named.
  const key = tasks.join(',');
  const only = key === subset.join(',') ? [] : key === bank.join(',') ? ['--all-tasks'] : ['--only', key];
  const outside = tasks.some((task) => !bank.includes(task));
  const argv = [
    'npx',
    'experiment',
    'run',
    '--seed',
    status.seed,
    '--providers',
    status.providers.join(','),
    ...only,
    // The plan id covers K: a resume without it would start another plan.
    ...(status.epochs > 1 ? ['--epochs', String(status.epochs)] : []),
    '--data-dir',
    resolve(dataDir),
  ];
  return `${argv.map(quoteForShell).join(' ')}${outside ? ' --tasks <the task folder it ran>' : ''}`;
}

export function renderStatuses(statuses: PlanStatus[], plan: string | undefined, dataDir = '.'): string {
  if (statuses.length === 0) return plan === undefined ? `${formatStartHint(dataDir)}\n` : `No plan ${plan} recorded in this data dir.\n`;
  const lines: string[] = [];
  for (const status of statuses) {
    const who =
      status.state === 'running'
        ? `running (process ${status.runner_pid})`
        : status.state === 'stopped'
          ? `stopped: ${status.stopped_by}`
          : status.state === 'failed'
            ? `failed: ${status.stopped_by} (fix that, then run the same command again)`
            : status.state === 'interrupted'
              ? `interrupted: to resume, run ${formatResumeCommand(status, dataDir)}`
              : status.state;
    lines.push(
      `Plan ${status.plan_id} (seed ${JSON.stringify(status.seed)}, ${status.providers.join(' vs ')}): ${status.done}/${status.arms} done, ${status.open} cut short or running, ${status.pending} pending; ${who}`,
      ...describeInfrastructureFailures(status.infrastructure_failures),
    );
    for (const arm of status.arm_states) {
      const detail =
        arm.state === 'done'
          ? `${String(arm.outcome).padEnd(15)} quality ${arm.quality?.toFixed(2)}  delta ${arm.capacity_delta === null ? 'n/a' : `${arm.capacity_delta}%`}`
          : arm.state === 'open'
            ? `started (${arm.window_id})`
            : '';
      lines.push(
        `  #${String(arm.arm_index + 1).padStart(3, '0')} ${arm.epoch === undefined ? '' : `e${arm.epoch} `}p${arm.period} ${arm.task_id.padEnd(24)} ${arm.provider.padEnd(12)} ${arm.state.padEnd(7)} ${detail}`.trimEnd(),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
