// `experiment worker`: on any number of machines, claims the queued arms of a PostgreSQL ledger and runs them.
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { Command } from 'commander';
import type pg from 'pg';
import { describeLedgerUrl, readLedgerUrl } from '../../ledger/index.js';
import { AppError } from '../../kernel/index.js';
import {
  claimArm,
  readArmLeases,
  readQueuedPlans,
  type ClaimedArm,
  type QueuedPlan,
  withQueueClient,
} from '../../runner/queue/arm-queue.js';
import { resolveContext, type CommandContext } from '../global-options.js';
import { parseWholeNumber } from '../parse-flags.js';
import { printResult } from '../print-output.js';
import { takeRunLock } from '../run-lock.js';
import { runQueuedArm, type QueuedArmResult, type WorkerPolicy } from '../run-queued-arm.js';

interface WorkerFlags {
  plan?: string;
  leaseS: string;
  maxArms?: string;
  wait?: boolean;
  isolation: string | false;
  setupNetwork?: boolean;
  sandboxDir?: string;
}

export function createWorkerCommand(): Command {
  return (
    new Command('worker')
      .description(
        'claim and run the arms `experiment run --queue` put in a PostgreSQL ledger, one at a time, under a lease kept by heartbeats; start one on each machine (docs/team.md)',
      )
      .option('--plan <id>', 'only this plan (default: every queued plan, oldest first)')
      .option('--lease-s <n>', 'how long a claim outlives its last heartbeat (heartbeats come every third of it)', '60')
      .option('--max-arms <n>', 'stop after running this many arms')
      .option('--wait', 'while arms still run elsewhere (their provider is busy, or their worker may die), wait instead of exiting')
      // Only this command line decides these: a queued plan's settings never do (docs/team.md, issue 29 item 4).
      .option('--isolation <mode>', 'sandbox for each arm: auto (bwrap when it works), bwrap, podman, none (docs/isolation.md)', 'auto')
      .option('--no-isolation', 'run the arms unisolated on this host, as your own user (the explicit opt-out)')
      .option('--setup-network', "let a task's set-up command reach the network; default: none")
      .option('--sandbox-dir <dir>', 'where arm sandboxes are made on this machine (default: the system temp folder)')
      .action(async function (this: Command, flags: WorkerFlags) {
        const ctx = resolveContext(this);
        const url = readLedgerUrl(ctx.dataDir);
        if (url === null)
          throw new AppError('BAD_USAGE', 'a worker needs a PostgreSQL ledger: pass --ledger postgres://... or set TRACKER_LEDGER_URL', {
            where: 'experiment worker',
          });
        const leaseMs = parseWholeNumber(flags.leaseS, '--lease-s', 3, 86_400) * 1000;
        const maxArms =
          flags.maxArms === undefined ? Number.POSITIVE_INFINITY : parseWholeNumber(flags.maxArms, '--max-arms', 1, 1_000_000);
        // One worker per data dir: a second one would remove the first one's live sandboxes as leftovers.
        const lock = takeRunLock(ctx.dataDir, flags.plan ?? 'queue');
        const worker = `${hostname()}:${process.pid}`;
        try {
          process.stderr.write(`worker ${worker} on ${describeLedgerUrl(url)}\n`);
          const ran = await withQueueClient(url, 'worker', (client) =>
            workUntilDone(ctx, client, {
              worker,
              leaseMs,
              maxArms,
              plan: flags.plan,
              wait: flags.wait === true,
              policy: { isolation: flags.isolation, setupNetwork: flags.setupNetwork === true, sandboxDir: flags.sandboxDir },
            }),
          );
          printResult(ctx.json, { worker, arms: ran }, () => `${ran.length} arm(s) run by ${worker}.\n`);
          // An arm another worker took over (this one's lease ran out) is that worker's to finish, not a failure here.
          if (ran.some((arm) => !arm.done && !arm.lease_lost)) process.exitCode = 1;
        } finally {
          lock.release();
        }
      })
  );
}

interface WorkOptions {
  worker: string;
  leaseMs: number;
  maxArms: number;
  plan: string | undefined;
  wait: boolean;
  policy: WorkerPolicy;
}

async function workUntilDone(ctx: CommandContext, client: pg.Client, options: WorkOptions): Promise<QueuedArmResult[]> {
  const ran: QueuedArmResult[] = [];
  while (ran.length < options.maxArms) {
    const plans = await readQueuedPlans(client, options.plan);
    if (options.plan !== undefined && plans.length === 0)
      throw new AppError('NOT_FOUND', `plan ${options.plan} is not queued in this ledger (experiment run --queue)`, { where: '--plan' });
    const claim = await claimNext(client, plans, options);
    if (claim === null) {
      if (options.wait && (await anyStillRunning(client, plans))) {
        await sleep(Math.max(1000, options.leaseMs / 3));
        continue;
      }
      break;
    }
    const result = await runQueuedArm(ctx, client, claim.plan, claim.arm, options);
    ran.push(result);
    if (result.stop) break;
  }
  return ran;
}

async function claimNext(
  client: pg.Client,
  plans: QueuedPlan[],
  options: WorkOptions,
): Promise<{ plan: QueuedPlan; arm: ClaimedArm } | null> {
  for (const plan of plans) {
    if (plan.stoppedBy !== null) continue;
    const arm = await claimArm(client, plan.planId, options.worker, options.leaseMs);
    if (arm) return { plan, arm };
  }
  return null;
}

async function anyStillRunning(client: pg.Client, plans: QueuedPlan[]): Promise<boolean> {
  for (const plan of plans) {
    if (plan.stoppedBy !== null) continue;
    const leases = await readArmLeases(client, plan.planId);
    if (leases.some((lease) => lease.state !== 'done')) return true;
  }
  return false;
}
