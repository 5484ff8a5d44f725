// Measures the code churn between two commits of a repository with the real git.
import { AppError } from '../../ledger/index.js';
import { parseNumstat, type Churn } from './parse-numstat.js';

export async function measureChurn(repo: string, commitStart: string, commitEnd: string): Promise<Churn> {
  // Loaded here, not at the top: execa costs ~85 ms to import, and every tracker command would pay it.
  const { execa } = await import('execa');
  const result = await execa('git', ['-C', repo, 'diff', '--numstat', '--no-renames', commitStart, commitEnd], { reject: false, stdin: 'ignore' });
  if (result.exitCode !== 0) {
    const reason = String(result.stderr).split('\n').find((line) => line.trim() !== '') ?? `git exited ${result.exitCode}`;
    throw new AppError('BAD_INPUT', `git diff ${commitStart.slice(0, 12)}..${commitEnd.slice(0, 12)} failed in ${repo}: ${reason.replace(/^fatal: /, '')}`, { where: '--repo' });
  }
  return parseNumstat(String(result.stdout));
}
