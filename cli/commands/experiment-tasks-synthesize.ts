// `experiment tasks synthesize --repo PATH --count N`: breaks a repository's working code into verified bug-fix tasks.
import { basename, resolve } from 'node:path';
import { Command } from 'commander';
import { AppError, escapeControls } from '../../kernel/index.js';
import { describeIsolation, MUTATION_KINDS, type MutationKind, type SynthesizeSummary, synthesizeTasks } from '../../runner/index.js';
import { addAllowSecretOption, parseAllowSecrets } from '../allow-secret-option.js';
import { resolveContext } from '../global-options.js';
import { printNote, printResult } from '../print-output.js';
import { parseAtLeastOne, parseCommand } from './experiment-tasks-import.js';
import { addVerifyOptions, readVerifyOptions, type VerifyOptionFlags } from './experiment-tasks-verify.js';
import { formatRunCommand } from './shell-hints.js';

interface SynthesizeFlags extends VerifyOptionFlags {
  repo: string;
  count: string;
  seed: string;
  out?: string;
  kinds?: string;
  maxCandidates?: string;
  testCommand?: string;
  setupCommand?: string;
  allowSecret?: string[];
}

function parseKinds(value: string | undefined): MutationKind[] | undefined {
  if (value === undefined) return undefined;
  const kinds = value
    .split(',')
    .map((kind) => kind.trim())
    .filter(Boolean);
  const unknown = kinds.filter((kind) => !(MUTATION_KINDS as readonly string[]).includes(kind));
  if (kinds.length === 0 || unknown.length > 0)
    throw new AppError('BAD_USAGE', `expected kinds among ${MUTATION_KINDS.join(', ')}, got ${JSON.stringify(value)}`, {
      where: '--kinds',
    });
  return kinds as MutationKind[];
}

/** A rejection's kind for the summary: the words before its first colon ("survived", "environment", ...). */
function classifyRejection(reason: string): string {
  return reason.split(':')[0]?.trim() || reason;
}

function renderSummary(summary: SynthesizeSummary, seconds: number, dataDir: string): string {
  const { kept, examined } = summary;
  const lines = [
    `Synthesized ${kept.length} task${kept.length === 1 ? '' : 's'} from ${summary.repo} at ${summary.commit.slice(0, 7)} into ${summary.out} (seed ${JSON.stringify(summary.seed)}; ${examined} of ${summary.candidates} mutations examined, ${summary.rejected.length} rejected)`,
  ];
  for (const task of kept)
    lines.push(
      `  kept ${task.id}  ${task.kind} at ${task.site}${task.scope ? ` (${task.scope})` : ''}, ${task.difficulty}, ${task.lines} line${task.lines === 1 ? '' : 's'}, ${task.failToPass} fail_to_pass`,
    );
  const counts = new Map<string, number>();
  for (const { reason } of summary.rejected) counts.set(classifyRejection(reason), (counts.get(classifyRejection(reason)) ?? 0) + 1);
  if (counts.size > 0) lines.push('Rejected:');
  for (const [kind, count] of [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])))
    lines.push(`  ${String(count).padStart(3)}  ${kind}`);
  for (const failure of summary.environment)
    lines.push(`Tests of ${failure.group} could not run on the original code: ${failure.cause}; ${failure.fix}`);
  if (summary.untested.length > 0)
    lines.push(
      `Not mutated, no test covers them: ${summary.untested.length} source files (${summary.untested.slice(0, 3).join(', ')}${summary.untested.length > 3 ? ', ...' : ''})`,
    );
  if (summary.unreadable.length > 0) lines.push(`Not mutated, the parser refused them: ${summary.unreadable.join('; ')}`);
  if (summary.skipped.length > 0)
    lines.push(
      `Not mutated, generated or another module's: ${summary.skipped.length} files (${summary.skipped.slice(0, 3).join('; ')}${summary.skipped.length > 3 ? '; ...' : ''})`,
    );
  const ratio = examined === 0 ? 'n/a' : `${Math.round((100 * kept.length) / examined)}%`;
  const perMinute = seconds > 0 ? ((kept.length * 60) / seconds).toFixed(2) : 'n/a';
  lines.push(`Kept ${kept.length} of ${examined} examined (${ratio}) in ${seconds.toFixed(1)} s: ${perMinute} tasks per minute`);
  // `experiment run --tasks DIR` alone fails (`--seed` is required): the whole command, as an import's.
  if (kept.length > 0) lines.push(`Run them: ${formatRunCommand(dataDir, ['--tasks', summary.out])}`);
  return `${lines.join('\n')}\n`;
}

/** `experiment tasks synthesize --repo PATH --count N [--seed S] [--out DIR] [--json]`. */
export function createTasksSynthesizeCommand(): Command {
  const command = new Command('synthesize')
    .description(
      "break a repository's working code with procedural mutations (a function body removed, a condition inverted, an operator changed, a statement dropped, two arguments swapped); each break some tests catch becomes a task (fixture: the broken code, solution: the original, spec: a bug report from the failing tests), verified as an import is",
    )
    .requiredOption('--repo <path>', 'the git repository to read (its HEAD)')
    .option('--count <n>', 'stop after this many kept tasks', '10')
    .option('--seed <seed>', 'the same seed gives the same tasks from the same commit', '1')
    .option(
      '--out <dir>',
      'the task bank folder to write (default: ./tasks-synthesized/<repo name>); must be new, empty or an earlier import or synthesis',
    )
    .option('--kinds <list>', `only these mutations, comma-separated (default: all of ${MUTATION_KINDS.join(', ')})`)
    .option('--max-candidates <n>', 'stop after examining this many mutations, kept or not (default: no limit)')
    .option('--test-command <cmd>', 'the test command (default: detected as for `tasks import`)')
    .option('--setup-command <cmd>', "each task's set-up (default: detected as for `tasks import`)");
  return addVerifyOptions(addAllowSecretOption(command)).action(async function (this: Command) {
    const flags = this.optsWithGlobals<SynthesizeFlags>();
    const ctx = resolveContext(this);
    const count = parseAtLeastOne(flags.count, '--count');
    if (flags.seed.trim() === '')
      throw new AppError('BAD_USAGE', `expected a non-empty seed, got ${JSON.stringify(flags.seed)}`, { where: '--seed' });
    const kinds = parseKinds(flags.kinds);
    const maxCandidates = flags.maxCandidates === undefined ? undefined : parseAtLeastOne(flags.maxCandidates, '--max-candidates');
    const testCommand = parseCommand(flags.testCommand, '--test-command', 'npm test');
    const setupCommand = parseCommand(flags.setupCommand, '--setup-command', 'npm ci --prefer-offline --ignore-scripts');
    const out = resolve(flags.out ?? `tasks-synthesized/${basename(resolve(flags.repo))}`);
    const verify = readVerifyOptions(flags, ctx.dataDir);
    const isolation = verify.isolation;
    process.stderr.write(`${describeIsolation(isolation)}\n`);
    const started = Date.now();
    const summary = await synthesizeTasks({
      repo: flags.repo,
      out,
      count,
      seed: flags.seed,
      kinds,
      maxCandidates,
      testCommand,
      setupCommand,
      setupNetwork: flags.setupNetwork === true,
      allowSecrets: parseAllowSecrets(flags.allowSecret),
      verify,
      onProgress: (line) => process.stderr.write(`${line}\n`),
    });
    const seconds = (Date.now() - started) / 1000;
    printNote(`synthesis took ${seconds.toFixed(1)} s`);
    printResult(
      ctx.json,
      { ...summary, seconds, isolation: describeIsolation(isolation) },
      (shown) => `${renderSummary(shown, seconds, ctx.dataDir)}Verified with ${describeIsolation(isolation)}\n`,
    );
    // Nothing kept because the tests could not run at all: one line naming the cause and the fix, as an import's stop.
    const failure = summary.environment[0];
    if (summary.kept.length === 0 && failure !== undefined) {
      process.stderr.write(
        `experiment: error: the tests of ${failure.group} could not run on the original code (${escapeControls(failure.cause)}): ${failure.fix}\n`,
      );
      process.exitCode = 1;
    } else if (summary.kept.length === 0) {
      process.stderr.write(`experiment: error: ${escapeControls(explainNothingKept(summary))}\n`);
      process.exitCode = 1;
    }
  });
}

/** Why a synthesis kept nothing, in one line: its most common rejection, with the first such reason. */
export function explainNothingKept(summary: Pick<SynthesizeSummary, 'examined' | 'candidates' | 'rejected'>): string {
  if (summary.candidates === 0) return 'no task kept: no mutation site in a source file the tests cover';
  const counts = new Map<string, number>();
  for (const { reason } of summary.rejected) counts.set(classifyRejection(reason), (counts.get(classifyRejection(reason)) ?? 0) + 1);
  const [kind, count] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['none examined', 0];
  const first = summary.rejected.find((one) => classifyRejection(one.reason) === kind)?.reason;
  return `no task kept of ${summary.examined} examined (${summary.candidates} mutations): ${count} rejected as ${kind}${first === undefined || first === kind ? '' : ` (${first})`}`;
}
