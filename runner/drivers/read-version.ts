// Asks an agent program for its version (`<command> --version`), once per command.

/** How long `--version` may take before the answer is "unknown". */
const VERSION_TIMEOUT_MS = 15_000;

export type VersionReader = (command?: string) => Promise<string>;

/**
 * A reader for one driver: runs `<command ?? defaultCommand> --version` (no shell), trims what it printed and
 * passes it through `tidy` (e.g. "2.1.329 (Claude Code)" -> "claude-code 2.1.329"); "unknown" when it fails.
 */
export function createVersionReader(defaultCommand: string, tidy: (printed: string) => string = (printed) => printed): VersionReader {
  const cache = new Map<string, Promise<string>>();
  return (command) => {
    const file = command ?? defaultCommand;
    let version = cache.get(file);
    if (!version) {
      version = runVersion(file).then((printed) => (printed === null ? 'unknown' : tidy(printed)));
      cache.set(file, version);
    }
    return version;
  };
}

async function runVersion(file: string): Promise<string | null> {
  try {
    const { execa } = await import('execa');
    const result = await execa(file, ['--version'], { reject: false, timeout: VERSION_TIMEOUT_MS, stdin: 'ignore' });
    if (result.failed || result.exitCode !== 0) return null;
    const firstLine = String(result.stdout ?? '').trim().split('\n')[0]?.trim() ?? '';
    return firstLine === '' ? null : firstLine;
  } catch {
    return null;
  }
}
