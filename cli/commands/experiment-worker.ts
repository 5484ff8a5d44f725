// `experiment worker`: on any number of machines, claims the queued arms of a PostgreSQL ledger and runs them.
import { hostname } from 'node:os';
import { Command } from 'commander';
import { describeLedgerUrl, readLedgerUrl } from '../../ledger/index.js';
import { AppError } from '../../kernel/index.js';
import { resolveContext } from '../global-options.js';
import { parseWholeNumber } from '../parse-flags.js';
import { printResult } from '../print-output.js';
import { takeRunLock } from '../../ledger/runs/index.js';
import { workUntilDone } from '../work-queue.js';

interface WorkerFlags {
  plan?: string;
  leaseS: string;
  maxArms?: string;
  wait?: boolean;
  isolation: string | false;
  setupNetwork?: boolean;
  sandboxDir?: string;
  dbRetryS: string;
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
      // Only this command line decides these: a queued plan's settings never do (docs/team.md).
      .option('--isolation <mode>', 'sandbox for each arm: auto (bwrap when it works), bwrap, podman, none (docs/isolation.md)', 'auto')
      .option('--no-isolation', 'run the arms unisolated on this host, as your own user (the explicit opt-out)')
      .option('--setup-network', "let a task's set-up command reach the network; default: none")
      .option('--sandbox-dir <dir>', 'where arm sandboxes are made on this machine (default: the system temp folder)')
      .option('--db-retry-s <n>', 'after losing the database, try to reconnect for this long before exiting', '60')
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
        // One worker per data dir, as one run per data dir: two would measure the same providers' bars at once.
        const lock = takeRunLock(ctx.dataDir, flags.plan ?? 'queue');
        const worker = `${hostname()}:${process.pid}`;
        try {
          process.stderr.write(`worker ${worker} on ${describeLedgerUrl(url)}\n`);
          const { arms: ran, skipped } = await workUntilDone(ctx, url, {
            worker,
            leaseMs,
            maxArms,
            plan: flags.plan,
            wait: flags.wait === true,
            retryMs: parseWholeNumber(flags.dbRetryS, '--db-retry-s', 0, 86_400) * 1000,
            policy: { isolation: flags.isolation, setupNetwork: flags.setupNetwork === true, sandboxDir: flags.sandboxDir },
          });
          printResult(
            ctx.json,
            { worker, arms: ran, skipped },
            () =>
              `${ran.length} arm(s) run by ${worker}.${skipped.length > 0 ? ` Skipped ${skipped.length} plan(s) this machine cannot set up: ${skipped.map((plan) => plan.plan_id).join(', ')} (see the notes above).` : ''}\n`,
          );
          // An arm another worker took over (this one's lease ran out) is that worker's to finish, not a failure here.
          // A skipped plan is: its arms wait for a machine that can read its files, and someone has to look.
          if (ran.some((arm) => !arm.done && !arm.lease_lost) || skipped.length > 0) process.exitCode = 1;
        } finally {
          lock.release();
        }
      })
  );
}
