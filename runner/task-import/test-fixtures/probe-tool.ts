// Whether a real tool runs here, for the tests that need go, cargo or pytest and skip, saying why, without them.
import { execFileSync } from 'node:child_process';

/** null when `argv` runs and exits 0; else why not, in a few words, for the skipped test's title. */
export function explainToolMissing(argv: string[]): string | null {
  try {
    execFileSync(argv[0] as string, argv.slice(1), { stdio: 'ignore', timeout: 30_000 });
    return null;
  } catch {
    return `${argv.join(' ')} failed`;
  }
}
