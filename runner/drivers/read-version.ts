// Asks an agent program for its version (`<command> --version`), once per command for the whole process.
import { createGroupSignaller, trackProcessGroup } from '../process-groups.js';

/** How long `--version` may take before the answer is "unknown". */
export const VERSION_TIMEOUT_MS = 5_000;

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
  options: { timeoutMs?: number } = {},
): VersionReader {
  return (command) => {
    const file = command ?? defaultCommand;
    let printed = printedByCommand.get(file);
    if (!printed) {
      printed = runVersion(file, options.timeoutMs ?? VERSION_TIMEOUT_MS);
      printedByCommand.set(file, printed);
    }
    return printed.then((line) => (line === null ? 'unknown' : tidy(line)));
  };
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
