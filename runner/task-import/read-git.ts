// Reads a repository's history with the git command line: first-parent commits, a change's files and diff, trees and blobs.
import { execa } from 'execa';
import { AppError } from '../../kernel/index.js';
import { buildGitEnv, SAFE_CONFIG } from '../sandbox/run-git.js';
import type { CommitInfo } from './build-task-meta.js';
import type { ChangedFile } from './judge-change.js';

export interface LoggedCommit extends Omit<CommitInfo, 'merge' | 'parent'> {
  parents: string[];
}

export interface TreeEntry {
  mode: string;
  type: string;
  sha: string;
  path: string;
}

/**
 * The repository is the user's or a stranger's: its `.git/config` (fsmonitor, textconv drivers, gpg.program with
 * log.showSignature, hooks) and attributes would run commands as the runner. Every call overrides those keys and runs
 * without the user's global or system config (a repository's own config runs hooks as root; the arm repositories are run the same way).
 */
function buildGitArgs(repo: string, args: string[]): string[] {
  return [...SAFE_CONFIG, '-C', repo, ...args];
}

const GIT_OPTIONS = { env: buildGitEnv(), extendEnv: false } as const;

async function git(repo: string, args: string[], input?: string): Promise<string> {
  const result = await execa('git', buildGitArgs(repo, args), {
    ...GIT_OPTIONS,
    input,
    reject: false,
    stripFinalNewline: false,
    maxBuffer: 512 * 1024 * 1024,
  });
  if (result.exitCode !== 0)
    throw new AppError('IO', `git ${args[0]} failed: ${String(result.stderr).trim().split('\n')[0] ?? `exit ${result.exitCode}`}`, {
      where: repo,
    });
  return String(result.stdout);
}

/** The repository's top folder; refuses a path that is not inside a git work tree. */
export async function resolveRepoRoot(path: string): Promise<string> {
  const result = await execa('git', buildGitArgs(path, ['rev-parse', '--show-toplevel']), { ...GIT_OPTIONS, reject: false });
  if (result.exitCode !== 0) throw new AppError('BAD_USAGE', `not a git repository: ${JSON.stringify(path)}`, { where: '--repo' });
  return String(result.stdout).trim();
}

/**
 * HEAD's first-parent history, newest first, since a date git understands. A bare day (`2026-11-01`) is that day's
 * midnight: git reads it at the current time of day, which skipped the day's early commits.
 */
export async function listCommits(repo: string, since?: string): Promise<LoggedCommit[]> {
  const from = since && /^\d{4}-\d{2}-\d{2}$/.test(since) ? `${since} 00:00:00` : since;
  const args = [
    'log',
    '--no-show-signature',
    '--first-parent',
    '--format=%H%x00%P%x00%s%x00%b%x1e',
    ...(from ? [`--since=${from}`] : []),
    'HEAD',
  ];
  const records = (await git(repo, args)).split('\x1e').map((record) => record.replace(/^\n/, ''));
  return records
    .filter((record) => record.trim() !== '')
    .map((record) => {
      const [hash = '', parents = '', subject = '', body = ''] = record.split('\0');
      return { hash, parents: parents.split(' ').filter(Boolean), subject, body: body.trimEnd() };
    });
}

/** A commit a merge brought in, with the paths it changed against its own parent. */
export interface BranchCommit extends LoggedCommit {
  paths: string[];
}

/** What a merge brought in: its commits not on the first parent (merges left out), oldest first, each with its paths. */
export async function listBranchCommits(repo: string, parent: string, merge: string): Promise<BranchCommit[]> {
  const args = ['log', '--no-show-signature', '--no-merges', '--no-renames', '--reverse', '--name-only', '-z'];
  const out = await git(repo, [...args, '--format=%x1e%H%x00%P%x00%s%x00%b%x00', `${parent}..${merge}`]);
  return out
    .split('\x1e')
    .filter((record) => record !== '')
    .map((record) => {
      // -z ends the formatted header with a NUL, then a newline and the paths, each ended by a NUL.
      const [hash = '', parents = '', subject = '', body = '', , ...paths] = record.split('\0');
      const files = paths.map((path) => path.replace(/^\n/, '')).filter((path) => path !== '');
      return { hash, parents: parents.split(' ').filter(Boolean), subject, body: body.trimEnd(), paths: files };
    });
}

/**
 * A revert's body says only "This reverts commit <sha>.", a commit the agent cannot see: that
 * line becomes what the reverted change was, by its own message, so the spec states what goes back. The body as it
 * is when it reverts nothing, or the commit is not in the repository.
 */
export async function describeRevertBody(repo: string, body: string): Promise<string> {
  const match = /This reverts commit ([0-9a-f]{7,40})\.?/.exec(body);
  if (!match) return body;
  const sha = match[1] as string;
  // A revert of a commit this clone lacks (a shallow clone, another branch): nothing to read, the body stays.
  const known = await git(repo, ['cat-file', '-t', sha]).then(
    (type) => type.trim() === 'commit',
    () => false,
  );
  if (!known) return body;
  const message = (await git(repo, ['log', '-1', '--no-show-signature', '--format=%s%n%n%b', sha, '--'])).trim();
  if (message === '') return body;
  const [subject = '', ...rest] = message.split('\n');
  const said = rest.join('\n').trim();
  const back = 'what it introduced goes back to how it was before it.';
  const undo =
    said === ''
      ? `This takes back an earlier change, "${subject}": ${back}`
      : `This takes back an earlier change, "${subject}", whose message said:\n\n${said.replace(/^/gm, '> ')}\n\nSo ${back}`;
  return body.replace(match[0], undo);
}

/** The files changed between parent and commit (renames detected), with line counts and new sizes. */
export async function readChangedFiles(repo: string, parent: string, commit: string): Promise<ChangedFile[]> {
  const raw = (await git(repo, ['diff-tree', '--no-textconv', '--no-ext-diff', '-r', '-M', '-z', '--raw', parent, commit])).split('\0');
  const files: Array<ChangedFile & { sha: string }> = [];
  for (let i = 0; i < raw.length - 1; ) {
    const [oldMode = '', newMode = '', , sha = '', status = ''] = (raw[i] ?? '').replace(/^:/, '').split(' ');
    const letter = status.charAt(0);
    const twoPaths = letter === 'R' || letter === 'C';
    const path = (twoPaths ? raw[i + 2] : raw[i + 1]) ?? '';
    files.push({ path, status: letter, oldPath: twoPaths ? raw[i + 1] : undefined, oldMode, newMode, added: 0, deleted: 0, bytes: 0, sha });
    i += twoPaths ? 3 : 2;
  }
  const numstat = (await git(repo, ['diff-tree', '--no-textconv', '--no-ext-diff', '-r', '-M', '-z', '--numstat', parent, commit])).split(
    '\0',
  );
  for (let i = 0, n = 0; i < numstat.length - 1 && n < files.length; n += 1) {
    const [added = '-', deleted = '-', path = ''] = (numstat[i] ?? '').split('\t');
    const file = files[n];
    if (file) Object.assign(file, { added: added === '-' ? null : Number(added), deleted: deleted === '-' ? null : Number(deleted) });
    i += path === '' ? 3 : 1; // a rename's line is followed by its two paths
  }
  const live = files.filter((file) => !/^0+$/.test(file.sha) && file.newMode !== '160000');
  const sizes = await readBlobSizes(
    repo,
    live.map((file) => file.sha),
  );
  return files.map(({ sha, ...file }) => ({ ...file, bytes: sizes.get(sha) ?? 0 }));
}

async function readBlobSizes(repo: string, shas: string[]): Promise<Map<string, number>> {
  if (shas.length === 0) return new Map();
  const out = await git(repo, ['cat-file', '--batch-check'], `${shas.join('\n')}\n`);
  return new Map(
    out
      .split('\n')
      .map((line) => line.split(' '))
      .filter((parts) => parts.length === 3)
      .map(([sha = '', , size = '0']) => [sha, Number(size)]),
  );
}

/** `git diff -U0` between the two commits, for the near-duplicate shingles. */
export async function readDiff(repo: string, parent: string, commit: string): Promise<string> {
  return git(repo, ['diff', '--no-textconv', '-U0', '-M', '--no-color', '--no-ext-diff', parent, commit]);
}

/** Every tracked entry of a commit's tree (blobs, symlinks and submodules alike). */
export async function listTree(repo: string, commit: string): Promise<TreeEntry[]> {
  const out = await git(repo, ['ls-tree', '-r', '-z', '--full-tree', commit]);
  return out
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [meta = '', path = ''] = line.split('\t');
      const [mode = '', type = '', sha = ''] = meta.split(' ');
      return { mode, type, sha, path };
    });
}

/** The bytes of many blobs, read by one `git cat-file --batch`. */
export async function readBlobs(repo: string, shas: string[]): Promise<Map<string, Buffer>> {
  const blobs = new Map<string, Buffer>();
  const unique = [...new Set(shas)];
  if (unique.length === 0) return blobs;
  const result = await execa('git', buildGitArgs(repo, ['cat-file', '--batch']), {
    ...GIT_OPTIONS,
    input: `${unique.join('\n')}\n`,
    encoding: 'buffer',
    maxBuffer: 1024 * 1024 * 1024,
  });
  const out = Buffer.from(result.stdout);
  let at = 0;
  while (at < out.length) {
    const eol = out.indexOf(0x0a, at);
    const [sha = '', type = '', size = '0'] = out.subarray(at, eol).toString('utf8').split(' ');
    if (type === 'missing') {
      at = eol + 1;
      continue;
    }
    const length = Number(size);
    blobs.set(sha, out.subarray(eol + 1, eol + 1 + length));
    at = eol + 1 + length + 1; // the content is followed by a newline
  }
  return blobs;
}

/** The texts of `paths` at `commit` that exist there, by one `git cat-file --batch` of `<commit>:<path>` names. */
export async function readCommitFiles(repo: string, commit: string, paths: readonly string[]): Promise<Map<string, string>> {
  const result = await execa('git', buildGitArgs(repo, ['cat-file', '--batch']), {
    ...GIT_OPTIONS,
    input: `${paths.map((path) => `${commit}:${path}`).join('\n')}\n`,
    encoding: 'buffer',
  });
  const out = Buffer.from(result.stdout);
  const files = new Map<string, string>();
  let at = 0;
  // Answers come in the order asked: `<sha> blob <size>` and the bytes, or `<name> missing`.
  for (const path of paths) {
    const eol = out.indexOf(0x0a, at);
    if (eol < 0) break;
    const [, type = '', size = ''] = out.subarray(at, eol).toString('utf8').split(' ');
    // `missing` and `ambiguous` carry no bytes; a tree or a blob does.
    if (!/^\d+$/.test(size)) {
      at = eol + 1;
      continue;
    }
    if (type === 'blob') files.set(path, out.subarray(eol + 1, eol + 1 + Number(size)).toString('utf8'));
    at = eol + 1 + Number(size) + 1;
  }
  return files;
}
