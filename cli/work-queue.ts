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
import { printNote } from './print-output.js';
import { runQueuedArm, type QueuedArmResult, type WorkerPolicy } from './run-queued-arm.js';

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

/**
 * Runs arms until none is left (or `maxArms`). When a step fails and the queue connection no longer answers, the
 * database went away (issue 29, item 8): the worker reconnects with backoff for `retryMs`, hands the arm it held
 * back to the queue, and goes on; past `retryMs` it ends with one line. The arm's sandbox is already gone: runArm
 * removes it whenever the arm throws.
 */
export async function workUntilDone(ctx: CommandContext, url: string, options: WorkOptions): Promise<QueuedArmResult[]> {
  const ran: QueuedArmResult[] = [];
  let connection = await openQueueConnection(url, 'worker');
  try {
    while (ran.length < options.maxArms) {
      let held: { plan: QueuedPlan; arm: ClaimedArm } | null = null;
      try {
        const plans = await readQueuedPlans(connection.client, options.plan);
        if (options.plan !== undefined && plans.length === 0)
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
        const result = await runQueuedArm(ctx, connection.client, held.plan, held.arm, options);
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
  return ran;
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

async function claimNext(
  connection: QueueConnection,
  plans: QueuedPlan[],
  options: WorkOptions,
): Promise<{ plan: QueuedPlan; arm: ClaimedArm } | null> {
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
