// The worker's loop: claim the next arm, run it, until the queue is empty; a lost database is waited out, for a while.
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../kernel/index.js';
import {
  claimArm,
  type ClaimedArm,
  finishArm,
  type QueuedPlan,
  readArmLeases,
  readQueuedPlans,
  closeQueueConnection,
  isQueueReachable,
  openQueueConnection,
  type QueueConnection,
  reconnectWithin,
} from '../runner/queue/index.js';
import type { CommandContext } from './global-options.js';
import { describeSetupFailure } from './describe-setup-failure.js';
import { printNote } from './print-output.js';
import { runQueuedArm, type QueuedArmResult, type QueuedSetup, setUpQueuedPlan, type WorkerPolicy } from './run-queued-arm.js';

export interface WorkOptions {
  worker: string;
  leaseMs: number;
  maxArms: number;
  plan: string | undefined;
  wait: boolean;
  /** How long a lost database is waited for (reconnecting with backoff) before the worker exits with one line. */
  retryMs: number;
  policy: WorkerPolicy;
}

export interface WorkDone {
  arms: QueuedArmResult[];
  /** Plans this worker could not set up, with why (files named, never quoted): handed back and skipped. */
  skipped: { plan_id: string; reason: string }[];
}

type Held = { plan: QueuedPlan; arm: ClaimedArm };

/**
 * Runs arms until none is left (or `maxArms`). When a step fails and the queue connection no longer answers, the
 * database went away: the worker reconnects with backoff for `retryMs`, hands the arm it held
 * back to the queue, and goes on; past `retryMs` it ends with one line. The arm's sandbox is already gone: runArm
 * removes it whenever the arm throws. A plan this machine cannot set up is handed back and skipped.
 */
export async function workUntilDone(ctx: CommandContext, url: string, options: WorkOptions): Promise<WorkDone> {
  const ran: QueuedArmResult[] = [];
  const skipped = new Map<string, string>();
  let connection = await openQueueConnection(url, 'worker');
  try {
    while (ran.length < options.maxArms) {
      let held: Held | null = null;
      try {
        const plans = (await readQueuedPlans(connection.client, options.plan)).filter((plan) => !skipped.has(plan.planId));
        if (options.plan !== undefined && plans.length === 0 && !skipped.has(options.plan))
          throw new AppError('NOT_FOUND', `plan ${options.plan} is not queued in this ledger (experiment run --queue)`, {
            where: '--plan',
          });
        held = await claimNext(connection, plans, options);
        if (held === null) {
          if (options.wait && (await anyStillRunning(connection, plans))) {
            await sleep(Math.max(1000, options.leaseMs / 3));
            continue;
          }
          break;
        }
        const setup = await setUpOrSkip(ctx, connection, held, options, skipped);
        if (setup === null) {
          held = null;
          continue;
        }
        const result = await runQueuedArm(ctx, connection.client, held.plan, setup, held.arm, options);
        ran.push(result);
        if (result.stop) break;
      } catch (error) {
        if (await isQueueReachable(connection)) throw error;
        connection = await waitOutOutage(url, connection, error as Error, options);
        // The arm this worker held goes back to pending (when no other worker took it meanwhile).
        if (held) await finishArm(connection.client, held.plan.planId, held.arm, options.worker, false).catch(() => undefined);
      }
    }
  } finally {
    await closeQueueConnection(connection);
  }
  return { arms: ran, skipped: [...skipped].map(([planId, reason]) => ({ plan_id: planId, reason })) };
}

/**
 * The plan set up on this machine, or null when it cannot be: the arm goes back to the queue for a worker that can,
 * and this worker skips the plan until it restarts, saying so once. Before, the worker exited here
 * after claiming, before older good plans, and each restart claimed one more arm of the plan it could not read.
 */
async function setUpOrSkip(
  ctx: CommandContext,
  connection: QueueConnection,
  held: Held,
  options: WorkOptions,
  skipped: Map<string, string>,
): Promise<QueuedSetup | null> {
  try {
    return await setUpQueuedPlan(ctx, held.plan, options.policy);
  } catch (error) {
    const reason = describeSetupFailure(error, held.plan.settings);
    skipped.set(held.plan.planId, reason);
    await finishArm(connection.client, held.plan.planId, held.arm, options.worker, false);
    printNote(
      `plan ${held.plan.planId} cannot be set up on this machine: ${reason}; skipped it and handed arm ${held.arm.armIndex} back to the queue`,
    );
    return null;
  }
}

async function waitOutOutage(url: string, lost: QueueConnection, error: Error, options: WorkOptions): Promise<QueueConnection> {
  await closeQueueConnection(lost);
  printNote(`lost the team database (${(lost.lost ?? error).message}); reconnecting for up to ${Math.round(options.retryMs / 1000)} s`);
  const connection = await reconnectWithin(url, 'worker', options.retryMs, (attempt, reason) =>
    printNote(`reconnect ${attempt} failed: ${reason.message}`),
  );
  printNote('reconnected to the team database');
  return connection;
}

async function claimNext(connection: QueueConnection, plans: QueuedPlan[], options: WorkOptions): Promise<Held | null> {
  for (const plan of plans) {
    if (plan.stoppedBy !== null) continue;
    const arm = await claimArm(connection.client, plan.planId, options.worker, options.leaseMs);
    if (arm) return { plan, arm };
  }
  return null;
}

async function anyStillRunning(connection: QueueConnection, plans: QueuedPlan[]): Promise<boolean> {
  for (const plan of plans) {
    if (plan.stoppedBy !== null) continue;
    const leases = await readArmLeases(connection.client, plan.planId);
    if (leases.some((lease) => lease.state !== 'done')) return true;
  }
  return false;
}
