// Steps of the "agent trees die with the runner" spec: a hidden test that sleeps, the run killed under it, what is left.
import assert from 'node:assert/strict';
import { chmodSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Given, Then, When } from '@cucumber/cucumber';
import { backgroundRunOf } from './experiment-steps.js';
import type { TrackerWorld } from './world.js';

const BANK = resolve(dirname(fileURLToPath(import.meta.url)), '../../task-bank');

/** Pids of live (not zombie) processes whose command line is exactly `command` (arguments joined by spaces), read from /proc. */
function findProcesses(command: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const argv = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
      const state = /^\d+ \(.*\) (\S)/.exec(readFileSync(`/proc/${name}/stat`, 'utf8'))?.[1];
      if (argv === command && state !== 'Z') found.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

Given('a task bank {string} whose hidden test runs {string}', function (this: TrackerWorld, name: string, command: string) {
  const task = join(this.workDir, name, 'token-bucket');
  cpSync(join(BANK, 'token-bucket'), task, { recursive: true });
  rmSync(join(task, 'tests'), { recursive: true, force: true });
  mkdirSync(join(task, 'tests'));
  const [file, ...args] = command.split(' ');
  writeFileSync(
    join(task, 'tests', 'sleeps.test.cjs'),
    [
      "const { test } = require('node:test');",
      `test('waits on a child', () => require('node:child_process').spawnSync(${JSON.stringify(file)}, ${JSON.stringify(args)}));`,
      '',
    ].join('\n'),
  );
});

Given("the scenario folder can be searched by the sandbox's user", function (this: TrackerWorld) {
  // A root runner's sandbox runs as uid 65534, which must pass through the scenario's mkdtemp folder (0700) to its arm folder.
  chmodSync(this.workDir, 0o711);
});

When('{string} is running, I kill the background run with SIGKILL', async function (this: TrackerWorld, command: string) {
  const child = backgroundRunOf(this);
  assert.ok(child, 'no background run');
  for (const until = Date.now() + 60_000; findProcesses(command).length === 0; ) {
    assert.ok(Date.now() < until, `${command} did not start within 60 s`);
    if (child.exitCode !== null) assert.fail(`the run ended before ${command} started:\n${String((await child).stderr)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  child.kill('SIGKILL');
  await child;
});

Then('no {string} is left running after {int} s', async function (this: TrackerWorld, command: string, seconds: number) {
  for (const until = Date.now() + seconds * 1000; findProcesses(command).length > 0 && Date.now() < until; ) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const left = findProcesses(command);
  for (const pid of left) process.kill(pid, 'SIGKILL');
  assert.deepEqual(left, [], `${command} outlived the runner`);
});
