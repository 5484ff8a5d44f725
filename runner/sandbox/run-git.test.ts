import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runGit } from './run-git.js';

const repo = mkdtempSync(join(tmpdir(), 'run-git-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo, encoding: 'utf8' }).trim();
}

describe('runGit with maxBytes', () => {
  it('returns the first maxBytes of an output the agent made huge, instead of buffering or failing on it', async () => {
    git('init', '-q');
    git('commit', '-q', '--allow-empty', '-m', 'start');
    // 3 MB of generated lines: the diff is larger than what the evidence keeps of it.
    writeFileSync(join(repo, 'generated.txt'), `${'x'.repeat(99)}\n`.repeat(30_000));
    git('add', 'generated.txt');
    git('commit', '-q', '-m', 'generated');
    const args = ['diff', '--no-color', '--no-ext-diff', '--no-textconv', 'HEAD~1', 'HEAD', '--'];
    const diff = await runGit(repo, args, undefined, 256 * 1024);
    expect(Buffer.byteLength(diff)).toBeLessThanOrEqual(256 * 1024);
    expect(diff.startsWith('diff --git a/generated.txt b/generated.txt')).toBe(true);
    // Without a cap the whole output comes back, as before.
    expect((await runGit(repo, args)).length).toBeGreaterThan(3_000_000);
  });
});
