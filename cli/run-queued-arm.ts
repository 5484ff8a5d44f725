// Runs one claimed arm of a queued plan: rebuilds the plan from the queued settings, keeps the lease alive, ends the claim.
import type pg from 'pg';
import { AppError, isAppError } from '../kernel/index.js';
import { ARM_REFUSED, findDoneArms, describeIsolation, type IsolationPlan } from '../runner/index.js';
import {
  buildClaimFence,
  buildCompletionFence,
  type ClaimedArm,
  finishArm,
  type QueuedPlan,
  renewLease,
  stopPlan,
} from '../runner/queue/index.js';
import { checkRunStop } from './check-run-stop.js';
import { executeRun } from './commands/experiment-run-execute.js';
import { readRunSetup, type RunFlags, type RunSetup } from './commands/experiment-run-setup.js';
import { resolveRunIsolation } from './run-isolation.js';
import { loadProviderCatalog } from './load-provider-catalog.js';
import { checkAgentClis } from './check-agent-clis.js';
import type { CommandContext } from './global-options.js';
import { printNote } from './print-output.js';

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
  /** The lease ran out while the arm ran and another worker took the arm: this attempt's window was refused (its fence). */
  lease_lost: boolean;
}

/** What only the worker's own command line decides: where untrusted code runs, its network, the host paths it gets. */
export interface WorkerPolicy {
  /** `--isolation MODE`, or false for `--no-isolation`. */
  isolation: string | false;
  setupNetwork: boolean;
  sandboxDir: string | undefined;
}

/** Flags a queued plan may carry (from an older queuer, or written by anyone holding the app role) that a worker ignores. */
const WORKER_ONLY_FLAGS = ['isolation', 'setupNetwork', 'sandboxDir', 'keepSandboxes', 'npmCache'] as const;
const warnedPlans = new Set<string>();

/**
 * The queued settings with the worker's own policy in place of anything about isolation, network or host paths
 * (an UPDATE of `settings` made every worker run unisolated). Said once per plan when the queue
 * asked for something else.
 */
function applyWorkerPolicy(queued: QueuedPlan, policy: WorkerPolicy): RunFlags {
  const settings = { ...(queued.settings as Record<string, unknown>) };
  const asked = WORKER_ONLY_FLAGS.filter((name) => settings[name] !== undefined && settings[name] !== 'auto' && settings[name] !== false);
  if (asked.length > 0 && !warnedPlans.has(queued.planId)) {
    warnedPlans.add(queued.planId);
    process.stderr.write(
      `note: plan ${queued.planId}'s queued settings name ${asked.map((name) => `${name}=${JSON.stringify(settings[name])}`).join(', ')}: ignored; isolation, network access and sandbox paths come from this worker's own command line\n`,
    );
  }
  for (const name of WORKER_ONLY_FLAGS) delete settings[name];
  return {
    ...(settings as unknown as RunFlags),
    isolation: policy.isolation,
    setupNetwork: policy.setupNetwork,
    ...(policy.sandboxDir === undefined ? {} : { sandboxDir: policy.sandboxDir }),
  };
}

/** A queued plan as this machine runs it: its files read here, the worker's isolation resolved, the agents' CLIs found. */
export type QueuedSetup = RunSetup & { isolation: IsolationPlan };

/**
 * Sets a queued plan up on this machine. Throws when it cannot (a file missing or refused, another plan id here, an
 * agent CLI or the isolation unavailable); the worker then hands the arm back and skips the plan (work-queue.ts).
 */
export async function setUpQueuedPlan(ctx: CommandContext, queued: QueuedPlan, policy: WorkerPolicy): Promise<QueuedSetup> {
  const setup = readRunSetup(applyWorkerPolicy(queued, policy), loadProviderCatalog(ctx.dataDir), ctx.dataDir);
  if (setup.plan.plan_id !== queued.planId)
    throw new AppError(
      'RULE_VIOLATION',
      `the queued settings give plan ${setup.plan.plan_id} on this machine, not ${queued.planId}: its task bank or providers differ from the machine that queued it`,
      { where: `plan ${queued.planId}` },
    );
  const isolation = resolveRunIsolation(setup, ctx.dataDir);
  await checkAgentClis(setup.profiles, { isolation, sandboxDir: setup.sandboxDir }); // as experiment run does, before this machine runs the arm
  return { ...setup, isolation };
}

export async function runQueuedArm(
  ctx: CommandContext,
  client: pg.Client,
  queued: QueuedPlan,
  setup: QueuedSetup,
  claim: ClaimedArm,
  options: { worker: string; leaseMs: number },
): Promise<QueuedArmResult> {
  const { isolation } = setup;
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
  process.stderr.write(
    `arm ${claim.armIndex} (${claim.provider}) of ${queued.planId}, claim ${claim.claims}; ${describeIsolation(isolation)}\n`,
  );
  const heartbeat = setInterval(() => {
    renewLease(client, queued.planId, claim, options.worker, options.leaseMs).then(
      (held) => {
        if (!held) result.lease_lost = true;
      },
      (error: unknown) => process.stderr.write(`note: heartbeat failed: ${(error as Error).message}\n`),
    );
  }, options.leaseMs / 3);
  try {
    // The window completes only while this claim holds the arm, and marks it done in the same commit.
    const completionFence = buildCompletionFence(queued.planId, claim, options.worker);
    const claimFence = buildClaimFence(queued.planId, claim, options.worker);
    const summary = await executeRun(ctx, setup, { onlyArms: new Set([claim.armIndex]), completionFence, claimFence });
    const arm = summary.results.find((armResult) => armResult.arm_index === claim.armIndex);
    result.outcome = arm?.outcome ?? null;
    result.done = arm !== undefined && arm.outcome !== 'abandoned';
    result.stop = summary.stopped_by;
  } catch (error) {
    if (!isAppError(error, ARM_REFUSED)) {
      if (!(await isClaimLost(client, queued.planId, claim, options))) throw error;
      // Another worker took the arm over (this lease ran out while the database was away) and
      // settled this attempt's captures: a capture refused for it is the take-over's doing, not this worker's failure.
      result.lease_lost = true;
      printNote(`arm ${claim.armIndex}'s attempt ended with: ${isAppError(error) ? error.toLine() : (error as Error).message}`);
    } else result.stop = error.message;
  } finally {
    clearInterval(heartbeat);
  }
  // A recorded window marked the arm done already (the fence). Otherwise: done if the ledger had its window before
  // this claim (nothing ran for it), else pending again; refused when the claim is no longer this worker's.
  if (!result.done && !result.lease_lost) {
    const doneBefore = result.outcome === null && result.stop === null && findDoneArms(ctx.dataDir, queued.planId).has(claim.armIndex);
    if (await finishArm(client, queued.planId, claim, options.worker, doneBefore)) result.done = doneBefore;
    else result.lease_lost = true;
  }
  if (result.lease_lost)
    process.stderr.write(
      `note: the lease on arm ${claim.armIndex} ran out while it ran and another worker took it; this attempt recorded no window\n`,
    );
  // A stop rule ends the plan for every worker; a spent budget only this one (another machine may have budget left).
  if (result.stop !== null && setup.stopRules) {
    const rule = checkRunStop(
      ctx.dataDir,
      {
        plan_id: queued.planId,
        providers: setup.plan.providers,
        taskIds: setup.plan.tasks.map((task) => task.task_id),
        epochs: setup.plan.epochs,
        arms: setup.plan.arms.length,
      },
      ctx.stamp,
      setup.catalog,
    );
    if (rule !== null) await stopPlan(client, queued.planId, rule);
  }
  return result;
}

/**
 * After a failed attempt: hands the arm back while the claim is still this one. True when it no longer is (another
 * worker claimed the arm); false when it was handed back, this claim completed it, or the database cannot say.
 */
async function isClaimLost(
  client: pg.Client,
  planId: string,
  claim: ClaimedArm,
  options: { worker: string; leaseMs: number },
): Promise<boolean> {
  try {
    if (await finishArm(client, planId, claim, options.worker, false)) return false;
    // Not running under this claim: lost, unless this very claim completed it (renewLease counts that as held).
    return !(await renewLease(client, planId, claim, options.worker, options.leaseMs));
  } catch {
    return false; // the queue does not answer: the worker's outage handling decides (work-queue.ts)
  }
}
