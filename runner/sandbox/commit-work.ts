// Records what the agent left in its sandbox as one runner commit, whatever state it left git in.
import { lstatSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../kernel/index.js';
import { type GitConfinement, RUNNER_GIT_CONFIG, runGit } from './run-git.js';
import { runGitScript } from './run-git-script.js';
import { checkNoLinkBelow, replaceSandboxFile, SANDBOX_TAMPERED } from './sandbox-paths.js';

/**
 * Commits every file in `workDir` (as `git add -A` sees it, so .gitignore'd files are left out) on top of
 * HEAD and returns the new sha. Uses plumbing (write-tree, commit-tree, update-ref), so the agent's own
 * commits, branches, a detached HEAD, a half-done merge, a dirty index or its hooks change nothing.
 * Identity and dates are fixed, so the same work on the same parent gives the same sha. Empty work still commits.
 * `confine`: git runs inside the arm's isolation (the agent had the repo; see GitConfinement).
 */
export async function commitAgentWork(workDir: string, message: string, confine?: GitConfinement): Promise<string> {
  if (message.trim() === '') throw new AppError('BAD_INPUT', 'expected a commit message, got an empty one');
  restoreRunnerGitConfig(workDir);
  const { lines, failure } = await runGitScript(workDir, COMMIT_STEPS, [message], confine);
  // No `head` line: the script never reached it (sh or the sandbox did not start, or the time ran out).
  if (failure && !lines[0]?.startsWith('head ')) throw failure;
  const [headLine = '', tree, commit] = lines;
  const head = headLine.slice('head '.length);
  if (!/^[0-9a-f]{40}$/.test(head)) {
    throw new AppError('BAD_INPUT', `expected a git repo with a HEAD commit, got ${head === '' ? 'none' : `"${head}"`}`, {
      where: workDir,
    });
  }
  if (tree !== undefined && tree !== '') checkSha(tree, 'write-tree', workDir);
  if (failure) throw failure;
  return checkSha(commit ?? '', 'commit-tree', workDir);
}

/**
 * HEAD (a full sha, or the script stops there), `add -A`, the tree, the commit on HEAD, the ref moved: one process
 * (run-git-script.ts). Each value is printed as it is made, so a failure still shows what came before it.
 */
const COMMIT_STEPS = [
  'message=$1; shift',
  'step rev-parse; head=$(git "$@" rev-parse --verify --quiet "HEAD^{commit}") || head=',
  'printf \'head %s\\n\' "$head"',
  // Forty hex digits or stop: the pattern spelled out, one bracket a digit.
  `case $head in ${'[0-9a-f]'.repeat(40)}) ;; *) exit 3 ;; esac`,
  'step add; git "$@" add -A',
  'step write-tree; tree=$(git "$@" write-tree); printf \'%s\\n\' "$tree"',
  'step commit-tree; commit=$(git "$@" commit-tree "$tree" -p "$head" -m "$message")',
  'printf \'%s\\n\' "$commit"',
  'step update-ref; git "$@" update-ref -m "agent-tracker: commit agent work" HEAD "$commit"',
].join('\n');

/** git's answer is a full sha, or the repo is not what the runner made (sandboxed code had it). */
function checkSha(out: string, step: string, workDir: string): string {
  if (/^[0-9a-f]{40}$/.test(out)) return out;
  throw new AppError('BAD_INPUT', `expected git ${step} to print a sha, got ${JSON.stringify(out.slice(0, 80))}`, { where: workDir });
}

/** Paths (repo-relative, sorted) added, changed or deleted between two commits. */
export async function listChangedFiles(workDir: string, fromSha: string, toSha: string, confine?: GitConfinement): Promise<string[]> {
  for (const sha of [fromSha, toSha]) {
    if (!/^[0-9a-f]{4,40}$/i.test(sha)) throw new AppError('BAD_INPUT', `expected a commit sha, got "${sha}"`, { where: workDir });
  }
  const out = await runGit(workDir, ['diff', '--name-only', '--no-renames', '-z', fromSha, toSha, '--'], confine);
  return out
    .split('\0')
    .filter((path) => path !== '')
    .sort();
}

/**
 * Puts the runner's own `.git/config` back before the runner's git reads the repo: the agent (sandboxed, but able
 * to write its work tree) could have defined a clean filter or an include there that git would run as the runner.
 * The work folder and `.git` must be plain folders (no link, no `gitdir:` file pointing elsewhere); whatever is at
 * `.git/config` (a file, or a link to a host file) is unlinked and the file made anew, never written through.
 * The arm folder above the work folder is the runner's (the sandbox's mount point), so that is where checks start.
 */
export function restoreRunnerGitConfig(workDir: string): void {
  const dotGit = join(workDir, '.git');
  checkNoLinkBelow(dirname(workDir), dotGit);
  const stat = lstatSync(dotGit, { throwIfNoEntry: false });
  if (!stat) return; // not a repo: the HEAD check says so
  if (!stat.isDirectory())
    throw new AppError('BAD_INPUT', 'expected .git to be a folder, got a file (the agent replaced it)', {
      where: dotGit,
      kind: SANDBOX_TAMPERED,
    });
  replaceSandboxFile(dirname(workDir), join(dotGit, 'config'), RUNNER_GIT_CONFIG);
}
