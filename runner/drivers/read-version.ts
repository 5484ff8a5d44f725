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
  try {
    const { execa } = await import('execa');
    // Its own process group, killed whole: a wrapper script's child would otherwise keep stdout open past the timeout.
    const child = execa(file, ['--version'], { reject: false, stdin: 'ignore', detached: true });
    const pid = child.pid;
    const untrack = pid === undefined ? () => undefined : trackProcessGroup(pid);
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
    if (timedOut || result.failed || result.exitCode !== 0) return null;
    const firstLine =
      String(result.stdout ?? '')
        .trim()
        .split('\n')[0]
        ?.trim() ?? '';
    return firstLine === '' ? null : firstLine;
  } catch {
    return null;
  }
}
