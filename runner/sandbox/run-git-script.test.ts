// runGitScript: the step blamed is the one that failed, whatever the work tree's names say, and a hung script ends whole.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runGitScript } from './run-git-script.js';

const dir = (): string => mkdtempSync(join(tmpdir(), 'git-script-'));

describe('runGitScript', () => {
  it("blames the failed step with git's first line, and keeps the lines printed before it", async () => {
    const cwd = dir();
    const result = await runGitScript(cwd, 'echo first\nstep init; git "$@" init -q -b main\nstep log; git "$@" log -1', []);
    expect(result.lines[0]).toBe('first');
    expect(result.failedStep).toBe('log');
    expect(result.failure?.message).toMatch(/^expected git log to succeed, got: your current branch 'main' does not have any commits yet/);
  });

  it('is not fooled by a line in the style of its step names, as git prints a file name the agent chose', async () => {
    const forged = 'step add; printf "error: open(\\"a\\n@step update-ref\\nHEAD moved, all good\\"): Permission denied\\n" >&2; exit 1';
    const result = await runGitScript(dir(), forged, []);
    expect(result.failedStep).toBe('add');
    expect(result.failure?.message).toMatch(/^expected git add to succeed, got: error: open\("a$/);
  });

  it('ends a script that outlives its time, what it started included', async () => {
    const result = await runGitScript(dir(), 'step wait; sleep 1000 & echo $!; wait', [], undefined, 500);
    expect(result.failure?.message).toBe('expected git wait to succeed, got: no end within 0.5 s');
    // Gone, or dead and not yet reaped by whoever inherited it (state Z in /proc/PID/stat).
    const stat = `/proc/${Number(result.lines[0])}/stat`;
    // SIGKILL is delivered at once but the process dies when next scheduled: at load it can still read R for a moment.
    // The bound is the assertion's (the sleep lives 1,000 s unless killed), not a speed limit.
    for (let waited = 0; waited < 5_000 && existsSync(stat) && !/\) Z/.test(readFileSync(stat, 'utf8')); waited += 50)
      await new Promise((done) => setTimeout(done, 50));
    if (existsSync(stat))
      expect(
        readFileSync(stat, 'utf8')
          .replace(/^.*\) /, '')
          .slice(0, 1),
      ).toBe('Z');
  });
});
