// A revert's spec states what goes back, from the reverted commit's own message, not a commit id the agent cannot see.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeRevertBody } from './read-git.js';

const repo = mkdtempSync(join(tmpdir(), 'revert-body-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));
const git = (...args: string[]) =>
  execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { encoding: 'utf8' });

describe('describeRevertBody', () => {
  it('replaces "This reverts commit <sha>." with the reverted change\'s subject and message', async () => {
    git('init', '-q');
    writeFileSync(join(repo, 'a.txt'), 'a');
    git('add', 'a.txt');
    git('commit', '-q', '-m', 'Treat tabs as spaces in squeeze', '-m', 'A tab now counts as one space.');
    const sha = git('rev-parse', 'HEAD').trim();
    const body = await describeRevertBody(repo, `This reverts commit ${sha}.\n\nIt broke Windows paths.`);
    expect(body).toBe(
      'This takes back an earlier change, "Treat tabs as spaces in squeeze", whose message said:\n\n> A tab now counts as one space.\n\nSo what it introduced goes back to how it was before it.\n\nIt broke Windows paths.',
    );
    expect(body).not.toContain(sha);
  });
  it('keeps a body that reverts nothing, or a commit the repository lacks', async () => {
    expect(await describeRevertBody(repo, 'Plain body.')).toBe('Plain body.');
    const missing = 'This reverts commit 0123456789abcdef0123456789abcdef01234567.';
    expect(await describeRevertBody(repo, missing)).toBe(missing);
  });
});
