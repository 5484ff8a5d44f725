// `experiment tasks verify`: each task's hidden tests must fail on its fixture and pass on its solution, run as an arm runs them.
import { join } from 'node:path';
import { Command } from 'commander';
import { AppError } from '../../kernel/index.js';
import {
  checkNpmCacheDir,
  createSharedCaches,
  describeIsolation,
  loadTaskBank,
  resolveIsolation,
  verifyTask,
  type IsolationPlan,
  type NpmCacheSource,
  type TaskVerdict,
  type VerifyOptions,
} from '../../runner/index.js';
import { resolveContext } from '../global-options.js';
import { printResult } from '../print-output.js';
import { resolveTaskBankDir } from '../resolve-task-bank.js';
import { selectTasks } from '../pick-run-tasks.js';

interface VerifyFlags extends VerifyOptionFlags {
  tasks?: string;
  only?: string;
}

export function createTasksVerifyCommand(): Command {
  const command = new Command('verify')
    .description('check every task: hidden tests fail on the fixture and all pass with the reference solution; exits 1 if any task fails')
    .option('--tasks <dir>', 'task bank folder (default: the bank shipped with agent-tracker)')
    .option('--only <ids>', 'verify only these task ids (comma-separated)');
  return addVerifyOptions(command).action(async function (this: Command) {
    const flags = this.optsWithGlobals<VerifyFlags>();
    const ctx = resolveContext(this);
    const options = readVerifyOptions(flags, ctx.dataDir);
    const tasksDir = resolveTaskBankDir(flags.tasks);
    const bank = selectTasks(loadTaskBank(tasksDir), flags.only);
    const isolation = options.isolation;
    process.stderr.write(`verifying ${bank.length} task(s) from ${tasksDir}; ${describeIsolation(isolation)}\n`);
    const verdicts: TaskVerdict[] = [];
    // Go's build cache, cargo target dirs, pip's and jest's caches and each set-up's node_modules, shared by the runs.
    const caches = createSharedCaches(isolation.runAs);
    try {
      for (const [index, task] of bank.entries()) {
        const verdict = await verifyTask(task, { ...options, caches });
        verdicts.push(verdict);
        if (!ctx.json) process.stdout.write(`${renderVerdict(verdict)}\n`);
        else process.stderr.write(`[${index + 1}/${bank.length}] ${verdict.id}: ${verdict.ok ? 'ok' : 'FAILED'}\n`);
      }
    } finally {
      caches.remove();
    }
    const failed = verdicts.filter((verdict) => !verdict.ok);
    const summary = { tasks_dir: tasksDir, verified: verdicts.length - failed.length, failed: failed.length, tasks: verdicts };
    printResult(
      ctx.json,
      summary,
      () =>
        `${verdicts.length - failed.length} of ${verdicts.length} tasks verified${failed.length > 0 ? `; failed: ${failed.map((v) => v.id).join(', ')}` : ''}\n`,
    );
    if (failed.length > 0) process.exitCode = 1;
  });
}

function renderVerdict(verdict: TaskVerdict): string {
  const lists = `fail_to_pass ${verdict.fail_to_pass.length}, pass_to_pass ${verdict.pass_to_pass.length}${verdict.excluded.length > 0 ? `, left out ${verdict.excluded.length}` : ''}`;
  const sims = `sim-noop ${formatScore(verdict.noop)}, sim-oracle ${formatScore(verdict.oracle)}${verdict.lists === 'derived' ? ' (lists derived here: task.json stores none)' : ''}`;
  return `${verdict.ok ? 'ok    ' : 'FAILED'} ${verdict.id.padEnd(28)} ${lists}; ${sims}${verdict.reason ? `: ${verdict.reason}` : ''}`;
}

function formatScore(value: number | null): string {
  return value === null ? 'n/a' : String(Math.round(value * 1000) / 1000);
}

/** The flags addVerifyOptions adds, as commander gives them. */
export interface VerifyOptionFlags {
  isolation: 'auto' | 'none' | false;
  setupNetwork?: boolean;
  npmCache?: string | false;
  reruns?: string;
  setupTimeout?: string;
}

/**
 * How `tasks verify`, `tasks import` and `tasks synthesize` verify their candidates: the isolation (probed), the set-up cache in the
 * data dir, the set-up's network, the npm cache and the reruns, from the flags addVerifyOptions adds.
 */
export function readVerifyOptions(flags: VerifyOptionFlags, dataDir: string): VerifyOptions & { isolation: IsolationPlan } {
  return {
    isolation: resolveVerifyIsolation(flags.isolation, dataDir, flags.setupNetwork === true),
    setupCacheDir: join(dataDir, 'task-setup'),
    setupNetwork: flags.setupNetwork === true,
    npmCache: resolveNpmCacheFlag(flags.npmCache),
    npmFetch: resolveNpmFetch(flags.setupNetwork, dataDir),
    goModFetch: resolveGoModFetch(flags.setupNetwork, dataDir),
    setupTimeoutMs: parseSetupTimeout(flags.setupTimeout ?? '300'),
    reruns: parseReruns(flags.reruns ?? '3'),
  };
}

/** --reruns N: N runs on the solution, N-1 (at least 1) on the fixture. */
export function parseReruns(text: string): { solution: number; fixture: number } {
  const runs = Number(text);
  if (!/^\d+$/.test(text) || runs < 1 || runs > 20)
    throw new AppError('BAD_USAGE', `expected --reruns to be a whole number from 1 to 20, got ${JSON.stringify(text)}`, {
      where: '--reruns',
    });
  return { solution: runs, fixture: Math.max(1, runs - 1) };
}

/** --isolation, --no-isolation, --setup-network and the npm cache: how `tasks verify` and `tasks import` run the hidden tests and set-ups. */
export function addVerifyOptions(command: Command): Command {
  const withIsolation = command
    .option(
      '--isolation <mode>',
      'auto: run the hidden tests in bubblewrap, with no network, when it works (as an arm does); none: on the host',
      'auto',
    )
    .option('--no-isolation', 'run the hidden tests on the host')
    .option(
      '--setup-network',
      "let a task's set-up reach the network, in a network namespace of its own whose one way out is slirp4netns (never the host's loopback); default: none. An npm lockfile's packages are then fetched once, outside the sandbox, into <data dir>/import-cache/npm, and the install runs offline from them",
    )
    .option('--setup-timeout <seconds>', "stop a task's set-up after this long, naming the task", '300')
    .option(
      '--reruns <n>',
      'run the hidden tests N times on the solution and N-1 on the fixture; a test whose outcome varies is flaky',
      '3',
    );
  return addNpmCacheOptions(withIsolation);
}

/** --npm-cache DIR and --no-npm-cache, for `tasks verify`, `tasks import` and `run`. */
export function addNpmCacheOptions(command: Command): Command {
  return command
    .option(
      '--npm-cache <dir>',
      'without --setup-network, an npm set-up (npm ci) installs offline from a private copy of the packages its lockfile names, taken from this npm cache, which is never written (default: `npm config get cache`)',
    )
    .option('--no-npm-cache', 'give an offline npm set-up no npm cache');
}

/** --setup-timeout in milliseconds. */
export function parseSetupTimeout(text: string): number {
  const seconds = Number(text);
  if (!/^\d+$/.test(text) || seconds < 1 || seconds > 86_400)
    throw new AppError('BAD_USAGE', `expected --setup-timeout to be whole seconds from 1 to 86400, got ${JSON.stringify(text)}`, {
      where: '--setup-timeout',
    });
  return seconds * 1000;
}

/** With --setup-network: the import's own npm cache and go module cache, which the host fills and no sandbox writes. */
export function resolveNpmFetch(setupNetwork: boolean | undefined, dataDir: string): { dir: string } | undefined {
  return setupNetwork === true ? { dir: join(dataDir, 'import-cache', 'npm') } : undefined;
}

export function resolveGoModFetch(setupNetwork: boolean | undefined, dataDir: string): { dir: string } | undefined {
  return setupNetwork === true ? { dir: join(dataDir, 'import-cache', 'go-mod') } : undefined;
}

/** undefined: the host's own cache (found when a set-up needs it); false (--no-npm-cache): none. */
export function resolveNpmCacheFlag(flag: string | false | undefined): NpmCacheSource | null | undefined {
  if (flag === undefined) return undefined;
  return flag === false ? null : checkNpmCacheDir(flag, '--npm-cache');
}

/**
 * auto: bubblewrap, or a refusal naming --no-isolation: a repository's set-up and tests (or a bank's) are code the user
 * did not write, so they never run on the host unasked. A temp folder closed to the sandbox's uid is reached through a
 * private mount (runner/isolation/wrap-command.ts). `--no-isolation` (or `--isolation none`) runs them on the host.
 * `setupNetwork` (--setup-network): slirp4netns must be there to give a sandboxed set-up its outbound-only network.
 */
export function resolveVerifyIsolation(flag: string | false, dataDir: string, setupNetwork = false): IsolationPlan {
  const mode = flag === false ? 'none' : flag;
  if (mode !== 'auto' && mode !== 'none')
    throw new AppError('BAD_USAGE', `expected --isolation auto or none, got ${JSON.stringify(mode)}`, { where: '--isolation' });
  return resolveIsolation({ mode, optOut: flag === false, drivers: [], commands: [], dataDir, env: process.env, setupNetwork });
}
