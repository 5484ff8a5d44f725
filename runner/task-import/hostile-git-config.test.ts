// A repository handed over as a folder carries its own .git/config and attributes: reading it runs none of their commands.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCommits, listTree, readBlobs, readChangedFiles, readDiff, resolveRepoRoot } from './read-git.js';

const root = mkdtempSync(join(tmpdir(), 'hostile-git-'));
const repo = join(root, 'repo');
const marks = join(root, 'marks');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const plain = (args: string[]) =>
  execa('git', ['-C', repo, ...args], {
    env: {
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'a',
      GIT_AUTHOR_EMAIL: 'a@b',
      GIT_COMMITTER_NAME: 'a',
      GIT_COMMITTER_EMAIL: 'a@b',
    },
    reject: false,
  });

/** A program the planted config runs: it leaves a file named after the key in `marks` (and prints its first argument). */
function mark(name: string): string {
  const script = join(root, `${name}.sh`);
  writeFileSync(script, `#!/bin/sh\ntouch ${join(marks, name)}\ncat "$1" 2>/dev/null\nexit 0\n`, { mode: 0o755 });
  return script;
}

beforeAll(async () => {
  mkdirSync(join(repo, 'src'), { recursive: true });
  mkdirSync(marks);
  await plain(['init', '-q', '-b', 'main']);
  writeFileSync(join(repo, 'src', 'a.js'), 'export const a = 1;\n');
  await plain(['add', '-A']);
  await plain(['commit', '-q', '-m', 'first']);
  writeFileSync(join(repo, 'src', 'a.js'), 'export const a = 2;\n');
  writeFileSync(join(repo, 'src', 'a.test.js'), 'test;\n');
  await plain(['add', '-A']);
  await plain(['commit', '-q', '-m', 'second']);
  // Planted after the commits, as a repository handed over as a folder carries them.
  const config = [
    '[core]',
    `\tfsmonitor = ${mark('fsmonitor')}`,
    `\thooksPath = ${marks}`,
    '[diff "evil"]',
    `\ttextconv = ${mark('textconv')}`,
    `\tcommand = ${mark('diff-command')}`,
    '[diff]',
    `\texternal = ${mark('diff-external')}`,
    '[log]',
    '\tshowSignature = true',
    '[gpg]',
    `\tprogram = ${mark('gpg')}`,
  ];
  writeFileSync(join(repo, '.git', 'config'), `[core]\n\trepositoryformatversion = 0\n${config.join('\n')}\n`);
  mkdirSync(join(repo, '.git', 'info'), { recursive: true });
  writeFileSync(join(repo, '.git', 'info', 'attributes'), '* diff=evil\n');
});

describe('reading a hostile repository', () => {
  it('the plant is real: plain git runs its diff driver and its fsmonitor', async () => {
    await plain(['diff', 'HEAD~1', 'HEAD']);
    await plain(['status']);
    expect(readdirSync(marks).sort()).toEqual(expect.arrayContaining(['diff-command', 'fsmonitor']));
    for (const name of readdirSync(marks)) rmSync(join(marks, name));
  });

  it('runs none of its commands while the importer reads it', async () => {
    const top = await resolveRepoRoot(repo);
    const commits = await listCommits(top);
    expect(commits.map((commit) => commit.subject)).toEqual(['second', 'first']);
    const [second, first] = commits.map((commit) => commit.hash) as [string, string];
    const files = await readChangedFiles(top, first, second);
    expect(files.map((file) => file.path).sort()).toEqual(['src/a.js', 'src/a.test.js']);
    expect(await readDiff(top, first, second)).toContain('+export const a = 2;');
    const tree = await listTree(top, second);
    expect(
      (
        await readBlobs(
          top,
          tree.map((entry) => entry.sha),
        )
      ).size,
    ).toBe(2);
    expect(readdirSync(marks)).toEqual([]);
  });
});
