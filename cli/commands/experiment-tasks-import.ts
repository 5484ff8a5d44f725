// `experiment tasks import --repo PATH`: mines a repository's history into a verified task bank folder.
import { availableParallelism } from 'node:os';
import { basename, resolve } from 'node:path';
import { Command } from 'commander';
import { parseArgsStringToArgv } from 'string-argv';
import { AppError, escapeControls } from '../../kernel/index.js';
import {
  countReasons,
  createSharedCaches,
  DEFAULT_LIMITS,
  describeIsolation,
  type ImportSummary,
  importTasks,
  SETUP_NETWORK_HINT,
  verifyImportedTask,
} from '../../runner/index.js';
import { addAllowSecretOption, parseAllowSecrets } from '../allow-secret-option.js';
import { resolveContext } from '../global-options.js';
import { writeImportLogs } from '../write-import-logs.js';
import { describeSetAside } from '../describe-set-aside.js';
import { parsePositiveInt } from '../parse-flags.js';
import { printNote, printResult } from '../print-output.js';
import { addVerifyOptions, readVerifyOptions, type VerifyOptionFlags } from './experiment-tasks-verify.js';
import { formatRunCommand } from './shell-hints.js';
import { parseDuration } from './watch.js';

interface ImportFlags extends VerifyOptionFlags {
  repo: string;
  since?: string;
  max: string;
  testCommand?: string;
  setupCommand?: string;
  out?: string;
  maxFiles: string;
  maxLines: string;
  jobs?: string;
  allowInternal?: boolean;
  allowSecret?: string[];
  allowThinSpecs?: boolean;
  timeLimit?: string;
}

function parseSince(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(value) || Number.isNaN(Date.parse(value)))
    throw new AppError('BAD_USAGE', `expected a date such as 2026-01-31 (or an ISO-8601 time), got ${JSON.stringify(value)}`, {
      where: '--since',
    });
  return value;
}

export function parseAtLeastOne(value: string, flag: string): number {
  const number = parsePositiveInt(value, flag);
  if (number < 1) throw new AppError('BAD_USAGE', `expected a whole number >= 1, got ${JSON.stringify(value)}`, { where: flag });
  return number;
}

export function parseCommand(value: string | undefined, flag: string, example: string): string[] | undefined {
  if (value === undefined) return undefined;
  const argv = parseArgsStringToArgv(value);
  if (argv.length === 0)
    throw new AppError('BAD_USAGE', `expected a command such as "${example}", got ${JSON.stringify(value)}`, { where: flag });
  return argv;
}

function renderSummary(summary: ImportSummary, setupNetwork: boolean, dataDir: string, logs: string | null): string {
  const leftOut = describeLeftOut(summary);
  const lines = [
    `Imported ${summary.kept.length} task${summary.kept.length === 1 ? '' : 's'} from ${summary.repo} into ${summary.out} (${summary.examined} of ${summary.commits} commits examined, ${summary.rejected.length} rejected)${leftOut === null ? '' : `; ${leftOut}`}`,
  ];
  // Every left-out file is named on the line above; under a task only those its fellow tasks kept.
  const everywhere = findSharedNotes(
    summary.kept.map((task) => task.leftOut),
    summary.kept.length,
  );
  for (const task of summary.kept) {
    lines.push(`  kept ${task.id}  ${task.difficulty}, ${task.lines} lines`);
    for (const note of task.leftOut) if (!everywhere.has(note)) lines.push(`    left out of the fixture: ${note}`);
  }
  if (summary.rejected.length > 0) lines.push('Rejected:');
  for (const { kind, count } of countReasons(summary.rejected.map((entry) => entry.reason)))
    lines.push(`  ${String(count).padStart(3)}  ${kind}`);
  lines.push(...describeSetAside(summary, logs));
  // The set-up has no network by default: a repository whose dependencies are neither vendored nor cached yields nothing.
  // Said only where a set-up that failed would install with it (a Python set-up reaches no index either way).
  const setupFailed = summary.rejected.some(
    (entry) => entry.reason.startsWith('set-up failed') && entry.reason.includes(SETUP_NETWORK_HINT),
  );
  if (setupFailed && !setupNetwork) lines.push('Set-ups ran with no network: pass --setup-network to let them install from the registry.');
  // `experiment run --tasks DIR` alone failed ("required option '--seed <seed>'"): the whole command.
  if (summary.stopped?.by === 'time-limit')
    lines.push(
      `Stopped: ${summary.stopped.cause} after ${summary.examined} of ${summary.commits} commits; the same command again goes on (tasks already in the bank are skipped at once, rejected commits are examined again)`,
    );
  if (summary.kept.length > 0) {
    lines.push(`Run them on the simulated providers first: ${formatRunCommand(dataDir, ['--tasks', summary.out])}`);
    lines.push(`then on your subscriptions: ${formatRunCommand(dataDir, ['--tasks', summary.out, '--providers', 'claude,codex'])}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Every file left out of a kept task's fixture, each once, with why and in how many tasks (`left out of the fixtures:
 * a.py (secret in a.py:3 (aws-access-token)) in 2 of 3 tasks, ...`); null when none was. Said on the summary line and,
 * with --json, on stderr: a module dropped for a secret silently changed what 15 tasks tested.
 */
export function describeLeftOut(summary: ImportSummary): string | null {
  const counts = findSharedNotes(
    summary.kept.map((task) => task.leftOut),
    1,
  );
  if (counts.size === 0) return null;
  const total = summary.kept.length;
  const entries = [...counts].map(([note, count]) => `${note}${total > 1 ? ` in ${count} of ${total} tasks` : ''}`);
  return `left out of the fixtures: ${escapeControls(entries.join('; '))}`;
}

/** The notes at least `least` tasks have, with how many tasks have each. */
function findSharedNotes(notesPerTask: string[][], least: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const notes of notesPerTask) for (const note of new Set(notes)) counts.set(note, (counts.get(note) ?? 0) + 1);
  return new Map([...counts].filter(([, count]) => count >= least));
}

/** `experiment tasks import --repo PATH [--since DATE] [--max N] [--test-command CMD] [--out DIR] [--json]`. */
export function createTasksImportCommand(): Command {
  const command = new Command('import')
    .description(
      "mine a git repository's history for changes that add or change tests with source; each becomes a task (fixture: the parent commit, hidden tests: the changed tests, solution: the change) kept only if its tests fail on the fixture and pass on the solution",
    )
    .requiredOption('--repo <path>', 'the git repository to read (its HEAD, first-parent history)')
    .option('--since <date>', 'only commits since this date (YYYY-MM-DD or an ISO-8601 time)')
    .option('--max <n>', 'stop after this many kept tasks', '20')
    .option(
      '--test-command <cmd>',
      'the test command to run the hidden tests with (default: detected from package.json, pytest or unittest, go.mod, Cargo.toml)',
    )
    .option(
      '--setup-command <cmd>',
      "each task's set-up, run once per distinct set-up command and manifests before the tests (default: npm ci --prefer-offline --ignore-scripts when a lockfile pins dependencies; with --setup-network and no lockfile, npm install --no-package-lock --ignore-scripts; else none; with no network it installs from the npm cache, see --npm-cache)",
    )
    .option('--out <dir>', 'the task bank folder to write (default: ./tasks-imported/<repo name>); must be new, empty or an earlier import')
    .option(
      '--jobs <n>',
      'examine this many candidates at once, each in its own sandbox (default: the number of cores); the output keeps history order',
    )
    .option('--max-files <n>', 'reject changes touching more files', String(DEFAULT_LIMITS.maxFiles))
    .option('--max-lines <n>', 'reject changes of more lines (added + deleted)', String(DEFAULT_LIMITS.maxLines))
    .option('--allow-internal', 'keep changes whose hidden tests call names the change does not make public (tagged internal-api)')
    .option('--allow-thin-specs', 'keep changes whose commit message says next to nothing, such as "Fix #9" (tagged thin-spec)')
    .option(
      '--time-limit <duration>',
      'stop the import after this long (90s, 20m, 1h): the candidates under way are stopped, the tasks kept stay in the bank, and the summary (--json too) says it stopped',
    );
  return addVerifyOptions(addAllowSecretOption(command)).action(async function (this: Command) {
    const flags = this.optsWithGlobals<ImportFlags>();
    const ctx = resolveContext(this);
    const since = parseSince(flags.since);
    const max = parseAtLeastOne(flags.max, '--max');
    const timeLimitMs = flags.timeLimit === undefined ? undefined : parseDuration(flags.timeLimit, '--time-limit');
    const limits = {
      ...DEFAULT_LIMITS,
      maxFiles: parseAtLeastOne(flags.maxFiles, '--max-files'),
      maxLines: parseAtLeastOne(flags.maxLines, '--max-lines'),
    };
    const testCommand = parseCommand(flags.testCommand, '--test-command', 'npm test');
    const setupCommand = parseCommand(flags.setupCommand, '--setup-command', 'npm ci --prefer-offline --ignore-scripts');
    const out = resolve(flags.out ?? `tasks-imported/${basename(resolve(flags.repo))}`);
    const verify = readVerifyOptions(flags, ctx.dataDir);
    const isolation = verify.isolation;
    // Said before the first candidate runs anything (once the flags and the repository passed), not only in the summary.
    let isolationSaid = false;
    const sayIsolation = (): void => {
      if (!isolationSaid) process.stderr.write(`${describeIsolation(isolation)}\n`);
      isolationSaid = true;
    };
    const jobs = flags.jobs === undefined ? availableParallelism() : parseAtLeastOne(flags.jobs, '--jobs');
    const started = Date.now();
    // A killed import printed nothing, though its bank held the tasks it kept: the limit stops it and it says so.
    const stop =
      timeLimitMs === undefined
        ? undefined
        : {
            signal: AbortSignal.timeout(timeLimitMs),
            cause: `the time limit of ${flags.timeLimit} (--time-limit) was reached`,
          };
    // Go's build cache, cargo target dirs and pip's cache, shared by this import's sandboxes and removed at its end.
    const caches = createSharedCaches(isolation.runAs);
    const summary = await importTasks({
      repo: flags.repo,
      out,
      since,
      max,
      testCommand,
      setupCommand,
      setupNetwork: flags.setupNetwork === true,
      limits,
      allowInternal: flags.allowInternal === true,
      allowThinSpecs: flags.allowThinSpecs === true,
      allowSecrets: parseAllowSecrets(flags.allowSecret),
      jobs,
      ...(stop ? { stop } : {}),
      verify: (dir, meta, options) => {
        sayIsolation();
        return verifyImportedTask(dir, meta, { ...verify, signal: options?.signal, caches });
      },
      onProgress: (line) => process.stderr.write(`${line}\n`),
    }).finally(() => caches.remove());
    printNote(`import took ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const leftOut = describeLeftOut(summary);
    if (ctx.json && leftOut !== null) printNote(leftOut);
    const logs = writeImportLogs(ctx.dataDir, summary, new Date());
    if (logs) printNote(`the output of each candidate that failed for its environment is in ${logs}`);
    printResult(
      ctx.json,
      {
        ...summary,
        rejected_by_reason: countReasons(summary.rejected.map((entry) => entry.reason)),
        isolation: describeIsolation(isolation),
        ...(logs ? { logs } : {}),
      },
      () => `${renderSummary(summary, flags.setupNetwork === true, ctx.dataDir, logs)}Verified with ${describeIsolation(isolation)}\n`,
    );
    // One line naming the cause and the fix: with nothing kept, every later candidate would have failed the same way.
    if (summary.stopped?.by === 'environment') {
      const { cause, fix, candidates, commits } = summary.stopped;
      const judged = commits.map((commit) => commit.slice(0, 7)).join(', ');
      process.stderr.write(
        `experiment: error: stopped after ${candidates} candidates (${judged}) failed the same way (${escapeControls(cause)}): ${fix}\n`,
      );
      process.exitCode = 1;
    }
  });
}
