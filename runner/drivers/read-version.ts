// Asks an agent program for its version (its installed package.json, else `<command> --version`), once per command for the whole process.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findCommandFile } from '../isolation/find-command-file.js';
import { createGroupSignaller, trackProcessGroup } from '../process-groups.js';

/** How long `--version` may take before the answer is "unknown", unless the CLI declares its own start-up. */
export const VERSION_TIMEOUT_MS = 5_000;

export interface VersionReaderOptions {
  /** How long this CLI's `--version` may take (its start-up, measured); default VERSION_TIMEOUT_MS. */
  timeoutMs?: number;
  /** The npm package the CLI is installed as: its package.json's version is read first, without starting the CLI. */
  packageName?: string;
}

export type VersionReader = (command?: string) => Promise<string>;

/**
 * What each command printed (its first line), or null when it failed: shared by every reader, since the version is
 * read after every arm. A failure is kept too, so a missing or hanging program costs one try, not one per arm.
 */
const printedByCommand = new Map<string, Promise<string | null>>();

/**
 * A reader for one driver: runs `<command ?? defaultCommand> --version` (no shell), trims what it printed and
 * passes it through `tidy` (e.g. "2.1.329 (Claude Code)" -> "claude-code 2.1.329"); "unknown" when it fails.
 */
export function createVersionReader(
  defaultCommand: string,
  tidy: (printed: string) => string = (printed) => printed,
  options: VersionReaderOptions = {},
): VersionReader {
  return (command) => {
    const file = command ?? defaultCommand;
    let printed = printedByCommand.get(file);
    if (!printed) {
      const installed = options.packageName === undefined ? null : readInstalledVersion(file, options.packageName);
      printed = installed === null ? runVersion(file, options.timeoutMs ?? VERSION_TIMEOUT_MS) : Promise.resolve(installed);
      printedByCommand.set(file, printed);
    }
    return printed.then((line) => (line === null ? 'unknown' : tidy(line)));
  };
}

/**
 * The `version` of the package.json named `packageName` in a folder above the command's real file (an npm install's
 * bin links to its package's script); null when the command is not such an install (a native binary, a wrapper).
 */
export function readInstalledVersion(command: string, packageName: string): string | null {
  const real = findCommandFile(command, process.env.PATH);
  if (real === null) return null;
  for (let dir = dirname(real); dir !== dirname(dir); dir = dirname(dir)) {
    let pkg: { name?: unknown; version?: unknown };
    try {
      pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as typeof pkg;
    } catch {
      continue;
    }
    if (pkg.name === packageName && typeof pkg.version === 'string' && pkg.version.trim() !== '') return pkg.version.trim();
  }
  return null;
}

async function runVersion(file: string, timeoutMs: number): Promise<string | null> {
  const ran = await runForFirstLine({ file, args: ['--version'] }, timeoutMs);
  return 'line' in ran ? ran.line : null;
}

/** A short command to run once (`--version`), with where it runs. */
export interface FirstLineCommand {
  file: string;
  args: readonly string[];
  /** The whole environment when given (not extended with the runner's). */
  env?: Record<string, string> | undefined;
  cwd?: string | undefined;
  /** Run after it ends (podman's `rm -f` of its container). */
  cleanup?: { file: string; args: string[] } | undefined;
}

/**
 * Runs a command without a shell in a process group of its own, killed whole at the timeout (a wrapper script's child
 * would otherwise keep stdout open past it): its first printed line, else why it gave none (its last stderr line).
 */
export async function runForFirstLine(command: FirstLineCommand, timeoutMs: number): Promise<{ line: string } | { failure: string }> {
  try {
    const { execa } = await import('execa');
    const child = execa(command.file, [...command.args], {
      reject: false,
      stdin: 'ignore',
      detached: true,
      cwd: command.cwd,
      env: command.env,
      extendEnv: command.env === undefined,
    });
    const pid = child.pid;
    const untrack = pid === undefined ? () => undefined : trackProcessGroup(pid, command.cleanup);
    const group = createGroupSignaller(pid);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      group.signal('SIGKILL');
    }, timeoutMs);
    child.once('exit', () => group.onExit());
    let result: Awaited<typeof child>;
    try {
      result = await child;
    } finally {
      clearTimeout(timer);
      group.signal('SIGKILL'); // 'exit' never came; after it, the group's id may already be another's
      untrack();
    }
    const lastError = String(result.stderr ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .at(-1);
    if (timedOut) return { failure: `no answer within ${timeoutMs / 1000} s` };
    if ((result as { code?: string }).code === 'ENOENT') return { failure: `${command.file}: no such program` };
    if (result.failed || result.exitCode !== 0)
      return { failure: `exit ${result.exitCode ?? result.signal ?? '?'}${lastError ? `: ${lastError}` : ''}` };
    const firstLine =
      String(result.stdout ?? '')
        .trim()
        .split('\n')[0]
        ?.trim() ?? '';
    return firstLine === '' ? { failure: 'it printed nothing' } : { line: firstLine };
  } catch (error) {
    return { failure: (error as Error).message.split('\n')[0] ?? 'it could not be started' };
  }
}
