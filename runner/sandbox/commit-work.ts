// Records what the agent left in its sandbox as one runner commit, whatever state it left git in.
import { lstatSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../kernel/index.js';
import { RUNNER_GIT_CONFIG, runGit } from './run-git.js';

/**
 * Commits every file in `workDir` (as `git add -A` sees it, so .gitignore'd files are left out) on top of
 * HEAD and returns the new sha. Uses plumbing (write-tree, commit-tree, update-ref), so the agent's own
 * commits, branches, a detached HEAD, a half-done merge, a dirty index or its hooks change nothing.
 * Identity and dates are fixed, so the same work on the same parent gives the same sha. Empty work still commits.
 */
export async function commitAgentWork(workDir: string, message: string): Promise<string> {
  if (message.trim() === '') throw new AppError('BAD_INPUT', 'expected a commit message, got an empty one');
  restoreRunnerGitConfig(workDir);
  const head = await runGit(workDir, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']).catch(() => '');
  if (!/^[0-9a-f]{40}$/.test(head)) {
    throw new AppError('BAD_INPUT', `expected a git repo with a HEAD commit, got ${head === '' ? 'none' : `"${head}"`}`, {
      where: workDir,
    });
  }
  await runGit(workDir, ['add', '-A']);
  const tree = await runGit(workDir, ['write-tree']);
  const commit = await runGit(workDir, ['commit-tree', tree, '-p', head, '-m', message]);
  await runGit(workDir, ['update-ref', '-m', 'agent-tracker: commit agent work', 'HEAD', commit]);
  return commit;
}

/** Paths (repo-relative, sorted) added, changed or deleted between two commits. */
export async function listChangedFiles(workDir: string, fromSha: string, toSha: string): Promise<string[]> {
  for (const sha of [fromSha, toSha]) {
    if (!/^[0-9a-f]{4,40}$/i.test(sha)) throw new AppError('BAD_INPUT', `expected a commit sha, got "${sha}"`, { where: workDir });
  }
  const out = await runGit(workDir, ['diff', '--name-only', '--no-renames', '-z', fromSha, toSha, '--']);
  return out
    .split('\0')
    .filter((path) => path !== '')
    .sort();
}

/**
 * Puts the runner's own `.git/config` back before the runner's git reads the repo: the agent (sandboxed, but able
 * to write its work tree) could have defined a clean filter or an include there that git would run as the runner.
 * A `.git` that is not a plain folder (a symlink, or a `gitdir:` file pointing elsewhere) is refused.
 */
export function restoreRunnerGitConfig(workDir: string): void {
  const dotGit = join(workDir, '.git');
  const stat = lstatSync(dotGit, { throwIfNoEntry: false });
  if (!stat) return; // not a repo: the HEAD check below says so
  if (!stat.isDirectory())
    throw new AppError(
      'BAD_INPUT',
      `expected .git to be a folder, got ${stat.isSymbolicLink() ? 'a symlink' : 'a file'} (the agent replaced it)`,
      { where: dotGit },
    );
  const config = join(dotGit, 'config');
  if (lstatSync(config, { throwIfNoEntry: false })?.isDirectory())
    throw new AppError('BAD_INPUT', 'expected .git/config to be a file, got a folder', { where: config });
  writeFileSync(config, RUNNER_GIT_CONFIG);
}
