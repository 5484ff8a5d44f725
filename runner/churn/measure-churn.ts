// Measures the code churn between two commits of a repository with the real git.
import { AppError } from '../../kernel/index.js';
import { parseNumstat, type Churn } from './parse-numstat.js';

export async function measureChurn(repo: string, commitStart: string, commitEnd: string): Promise<Churn> {
  // Loaded here, not at the top: execa costs ~85 ms to import, and every tracker command would pay it.
  const { execa } = await import('execa');
  const git = (args: string[]) => execa('git', ['-C', repo, ...args], { reject: false, stdin: 'ignore' });
  const inside = await git(['rev-parse', '--git-dir']);
  if (inside.failed) {
    throw new AppError('BAD_INPUT', inside.code === 'ENOENT' ? 'git is not installed' : `${repo} is not a git repository`, {
      where: '--repo',
    });
  }
  // Both ends must be commits: without this, git would read a name that is also a file as a path.
  for (const [commit, flag] of [
    [commitStart, '--from'],
    [commitEnd, '--to'],
  ] as const) {
    const known = await git(['rev-parse', '--verify', '--quiet', `${commit}^{commit}`]);
    if (known.exitCode !== 0) throw new AppError('BAD_INPUT', `${commit} is not a commit in ${repo}`, { where: flag });
  }
  const result = await git(['diff', '--numstat', '--no-renames', commitStart, commitEnd, '--']);
  if (result.exitCode !== 0) {
    const reason =
      String(result.stderr)
        .split('\n')
        .find((line) => line.trim() !== '') ?? `git exited ${result.exitCode}`;
    throw new AppError(
      'BAD_INPUT',
      `git diff ${commitStart.slice(0, 12)}..${commitEnd.slice(0, 12)} failed in ${repo}: ${reason.replace(/^fatal: /, '')}`,
      { where: '--repo' },
    );
  }
  return parseNumstat(String(result.stdout));
}
