// readGitHead against the real git: the files' answer equals `git rev-parse --verify HEAD` in every layout read.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGitHead } from './git-head.js';

const ENV = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };

function git(cwd: string, ...args: string[]): string {
  const clean = Object.fromEntries(Object.entries(ENV).filter(([key]) => !key.startsWith('GIT_') || key.startsWith('GIT_CONFIG')));
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd, env: clean })
    .toString()
    .trim();
}

function makeRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'git-head-'));
  git(dir, 'init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'a.txt'), 'a\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'one');
  return dir;
}

/** readGitHead with no GIT_* variable set (git's own hooks and vitest's env may set some): the files are read. */
function readFromFiles(cwd: string): string | undefined {
  const saved = Object.entries(process.env).filter(([key]) => key.startsWith('GIT_'));
  for (const [key] of saved) delete process.env[key];
  try {
    return readGitHead(cwd);
  } finally {
    for (const [key, value] of saved) process.env[key] = value;
  }
}

describe('readGitHead', () => {
  it('reads a loose branch, from the top and from a subfolder', () => {
    const repo = makeRepo();
    mkdirSync(join(repo, 'sub', 'deeper'), { recursive: true });
    const head = git(repo, 'rev-parse', 'HEAD');
    expect(readFromFiles(repo)).toBe(head);
    expect(readFromFiles(join(repo, 'sub', 'deeper'))).toBe(head);
  });

  it('reads a packed branch, a detached HEAD and a worktree (a gitdir file with a common dir)', () => {
    const repo = makeRepo();
    git(repo, 'pack-refs', '--all');
    expect(readFromFiles(repo)).toBe(git(repo, 'rev-parse', 'HEAD'));
    writeFileSync(join(repo, 'b.txt'), 'b\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'two');
    const tree = join(mkdtempSync(join(tmpdir(), 'git-head-wt-')), 'wt');
    git(repo, 'worktree', 'add', '-q', '-b', 'side', tree, 'HEAD~1');
    expect(readFromFiles(tree)).toBe(git(tree, 'rev-parse', 'HEAD'));
    expect(readFromFiles(tree)).not.toBe(readFromFiles(repo));
    git(repo, 'checkout', '-q', '--detach', 'HEAD~1');
    expect(readFromFiles(repo)).toBe(git(repo, 'rev-parse', 'HEAD'));
  });

  it('gives nothing outside a repository and on a branch with no commit yet, as git does', () => {
    const plain = mkdtempSync(join(tmpdir(), 'git-head-none-'));
    // tmpdir() may itself lie inside a repository on a developer's machine: compare with git's answer there.
    const gitSays = (() => {
      try {
        return git(plain, 'rev-parse', '--verify', '--quiet', 'HEAD');
      } catch {
        return undefined;
      }
    })();
    expect(readFromFiles(plain)).toBe(gitSays);
    const unborn = mkdtempSync(join(tmpdir(), 'git-head-unborn-'));
    git(unborn, 'init', '-q', '-b', 'main');
    expect(readFromFiles(unborn)).toBeUndefined();
  });

  it('asks git when a GIT_* variable moves the repository', () => {
    const [first, second] = [makeRepo(), makeRepo()];
    writeFileSync(join(second, 'c.txt'), 'c\n');
    git(second, 'add', '-A');
    git(second, 'commit', '-q', '-m', 'other');
    const saved = process.env.GIT_DIR;
    process.env.GIT_DIR = join(second, '.git');
    try {
      expect(readGitHead(first)).toBe(git(second, 'rev-parse', 'HEAD'));
    } finally {
      if (saved === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = saved;
    }
  });

  it('asks git inside a bare repository, even one nested in another repository', () => {
    const outer = makeRepo();
    const bare = join(outer, 'inner.git');
    git(outer, 'clone', '-q', '--bare', outer, bare);
    writeFileSync(join(outer, 'b.txt'), 'b\n');
    git(outer, 'add', '-A');
    git(outer, 'commit', '-q', '-m', 'outer moves on');
    expect(readFromFiles(bare)).toBe(git(bare, 'rev-parse', 'HEAD'));
    expect(readFromFiles(bare)).not.toBe(git(outer, 'rev-parse', 'HEAD'));
  });
});
