// Runs one claimed arm of a queued plan: rebuilds the plan from the queued settings, keeps the lease alive, ends the claim.
import type pg from 'pg';
import { AppError, isAppError } from '../kernel/index.js';
import { ARM_REFUSED } from '../runner/arm/arm-refused-error.js';
import { type ClaimedArm, finishArm, type QueuedPlan, renewLease, stopPlan } from '../runner/queue/arm-queue.js';
import { checkRunStop } from './check-run-stop.js';
import { executeRun } from './commands/experiment-run-execute.js';
import { readRunSetup, type RunFlags } from './commands/experiment-run-setup.js';
import { resolveRunIsolation } from './run-isolation.js';
import type { CommandContext } from './global-options.js';

export interface QueuedArmResult {
  plan_id: string;
  arm_index: number;
  provider: string;
  claims: number;
  /** The arm recorded its window. */
  done: boolean;
  outcome: string | null;
  /** Why this worker stops claiming (a spent budget, a stop rule), or null. */
  stop: string | null;
  /** The lease ran out while the arm ran (this worker was too slow to heartbeat): another worker may have redone it. */
  lease_lost: boolean;
}

export async function runQueuedArm(
  ctx: CommandContext,
  client: pg.Client,
  queued: QueuedPlan,
  claim: ClaimedArm,
  options: { worker: string; leaseMs: number },
): Promise<QueuedArmResult> {
  const setup = readRunSetup(queued.settings as unknown as RunFlags);
  if (setup.plan.plan_id !== queued.planId)
    throw new AppError(
      'RULE_VIOLATION',
      `the queued settings give plan ${setup.plan.plan_id} on this machine, not ${queued.planId}: its task bank or providers differ from the machine that queued it`,
      { where: `plan ${queued.planId}` },
    );
  const isolation = resolveRunIsolation(setup, ctx.dataDir);
  const result: QueuedArmResult = {
    plan_id: queued.planId,
    arm_index: claim.armIndex,
    provider: claim.provider,
    claims: claim.claims,
    done: false,
    outcome: null,
    stop: null,
    lease_lost: false,
  };
  process.stderr.write(`arm ${claim.armIndex} (${claim.provider}) of ${queued.planId}, claim ${claim.claims}\n`);
  const heartbeat = setInterval(() => {
    renewLease(client, queued.planId, claim.armIndex, options.worker, options.leaseMs).then(
      (held) => {
        if (!held) result.lease_lost = true;
      },
      (error: unknown) => process.stderr.write(`note: heartbeat failed: ${(error as Error).message}\n`),
    );
  }, options.leaseMs / 3);
  try {
    const summary = await executeRun(ctx, { ...setup, isolation }, new Set([claim.armIndex]));
    const arm = summary.results.find((armResult) => armResult.arm_index === claim.armIndex);
    result.outcome = arm?.outcome ?? null;
    result.done = arm !== undefined && arm.outcome !== 'abandoned';
    result.stop = summary.stopped_by;
  } catch (error) {
    if (!isAppError(error, ARM_REFUSED)) {
      await finishArm(client, queued.planId, claim.armIndex, options.worker, false).catch(() => {});
      throw error;
    }
    result.stop = error.message;
  } finally {
    clearInterval(heartbeat);
  }
  if (!(await finishArm(client, queued.planId, claim.armIndex, options.worker, result.done))) result.lease_lost = true;
  if (result.lease_lost)
    process.stderr.write(`note: the lease on arm ${claim.armIndex} ran out while it ran; another worker may have taken it\n`);
  // A stop rule ends the plan for every worker; a spent budget only this one (another machine may have budget left).
  if (result.stop !== null && setup.stopRules) {
    const rule = checkRunStop(ctx.dataDir, {
      plan_id: queued.planId,
      providers: setup.plan.providers,
      taskIds: setup.plan.tasks.map((task) => task.task_id),
      epochs: setup.plan.epochs,
    });
    if (rule !== null) await stopPlan(client, queued.planId, rule);
  }
  return result;
}
