// `experiment run --queue`: records the plan in a PostgreSQL ledger and queues its arms for `experiment worker`.
import { resolve } from 'node:path';
import { describeLedgerUrl, readLedgerUrl } from '../../ledger/index.js';
import { AppError } from '../../kernel/index.js';
import { recordPlan } from '../../runner/index.js';
import { enqueuePlan, withQueueClient } from '../../runner/queue/index.js';
import type { CommandContext } from '../global-options.js';
import { printNote, printResult } from '../print-output.js';
import type { RunFlags, RunSetup } from './experiment-run-setup.js';

/**
 * Queued flags that name files or folders, with the option each comes from: a worker reads them on its own machine,
 * so they are queued as absolute paths. `prices` and `budgetConfig` were once queued as typed:
 * `--prices hq/prices.json` made every worker started in another folder exit 5. experiment-run-queue.test.ts walks
 * every option of `experiment run` that takes a file or folder: each must be here or in LOCAL_FLAGS.
 */
export const QUEUED_FILE_FLAGS: Readonly<Record<string, string>> = {
  tasks: '--tasks',
  profiles: '--profiles',
  plans: '--plans',
  budgetConfig: '--budget-config',
  prices: '--prices',
};
/**
 * Flags that belong to this command line, not to the run a worker repeats. Isolation, set-up network, sandbox dir and
 * npm cache are each worker's own (`experiment worker --isolation ...`): a worker never takes them from the queue.
 */
export const LOCAL_FLAGS = [
  'queue',
  'dryRun',
  'dataDir',
  'ledger',
  'agent',
  'json',
  'source',
  'isolation',
  'setupNetwork',
  'sandboxDir',
  'keepSandboxes',
  'npmCache',
];

export async function queueRun(ctx: CommandContext, setup: RunSetup, flags: RunFlags): Promise<void> {
  const url = readLedgerUrl(ctx.dataDir);
  if (url === null)
    throw new AppError(
      'BAD_USAGE',
      '--queue needs a PostgreSQL ledger that workers on other machines can reach: pass --ledger or set TRACKER_LEDGER_URL',
      {
        where: '--queue',
      },
    );
  const settings = buildQueuedSettings(flags);
  if (flags.isolation !== 'auto' || flags.setupNetwork || flags.sandboxDir || flags.keepSandboxes || flags.npmCache !== undefined)
    printNote(
      "--isolation, --no-isolation, --setup-network, --sandbox-dir, --keep-sandboxes and --npm-cache are each worker's own (experiment worker --isolation ...): not queued",
    );
  recordPlan(ctx.dataDir, setup.plan, { ...ctx.stamp, source: 'runner' }, setup.analysis);
  const queued = await withQueueClient(url, 'run --queue', (client) => enqueuePlan(client, setup.plan, settings, ctx.agentId));
  const plan = setup.plan;
  printResult(ctx.json, { plan_id: plan.plan_id, arms: plan.arms.length, queued, ledger: describeLedgerUrl(url) }, () =>
    [
      queued ? `Queued plan ${plan.plan_id}: ${plan.arms.length} arms.` : `Plan ${plan.plan_id} was queued already; nothing added.`,
      'Run `experiment worker` on each machine (TRACKER_LEDGER_URL set); follow with `experiment status`.',
      '',
    ].join('\n'),
  );
}

/** The run's flags as a worker gets them: this command line's own left out, every file flag an absolute path. */
export function buildQueuedSettings(flags: RunFlags, cwd: string = process.cwd()): Record<string, unknown> {
  const settings: Record<string, unknown> = Object.fromEntries(Object.entries(flags).filter(([name]) => !LOCAL_FLAGS.includes(name)));
  for (const name of Object.keys(QUEUED_FILE_FLAGS)) {
    const value = settings[name];
    if (typeof value === 'string') settings[name] = resolve(cwd, value);
    // --tasks is repeatable: each folder is resolved.
    else if (Array.isArray(value)) settings[name] = value.map((item) => (typeof item === 'string' ? resolve(cwd, item) : item));
  }
  return settings;
}
