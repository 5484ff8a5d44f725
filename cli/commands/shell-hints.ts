// Commands the status views suggest, written so that pasting them into a shell runs exactly what they say.
import { resolve } from 'node:path';

/** POSIX single quotes for anything but plain words, so a seed like `a b` or `$x` pastes as itself. */
export function quoteForShell(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * What to paste to start a first plan in this data dir: `--data-dir` named unless it is the default ./tracker-data,
 * so the hint never starts a run in another ledger than the one just looked at.
 */
export function formatStartHint(dataDir: string): string {
  return `No experiment plans recorded yet: start one with \`${formatRunCommand(dataDir)}\`.`;
}

/**
 * `npx experiment run --seed 42 [--data-dir DIR] [EXTRA...]`, quoted to paste: a command that runs as printed (the seed
 * is required; without --providers it runs the simulated ones, which need no key).
 */
export function formatRunCommand(dataDir: string, extra: readonly string[] = []): string {
  const dir = resolve(dataDir);
  const argv = ['npx', 'experiment', 'run', '--seed', '42', ...(dir === resolve('tracker-data') ? [] : ['--data-dir', dir]), ...extra];
  return argv.map(quoteForShell).join(' ');
}
