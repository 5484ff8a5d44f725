// The HEAD commit of the working directory's git repository, if there is one.
import { execFileSync } from 'node:child_process';

export function readGitHead(cwd: string = process.cwd()): string | undefined {
  try {
    const head = execFileSync('git', ['rev-parse', '--verify', '--quiet', 'HEAD'], {
      cwd,
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000,
    })
      .toString()
      .trim();
    return /^[0-9a-f]{40,64}$/.test(head) ? head : undefined;
  } catch {
    return undefined;
  }
}
