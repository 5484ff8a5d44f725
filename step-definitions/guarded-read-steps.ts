// Steps that put a FIFO, a device or a link where the tool reads a small file, and run a command that must not hang.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { Given, When } from '@cucumber/cucumber';
import { splitArgs } from './split-args.js';
import type { TrackerWorld } from './world.js';

/** Long past any command here (each runs in well under a second): a run still going then is hung. */
const HANG_MS = 15_000;

/** `where` is under the data dir (`data/...`) or the scenario's folder. */
function place(world: TrackerWorld, where: string): string {
  const path = where.startsWith('data/') ? join(world.dataDir, where.slice('data/'.length)) : join(world.workDir, where);
  mkdirSync(dirname(path), { recursive: true });
  rmSync(path, { recursive: true, force: true });
  return path;
}

Given('{string} is a FIFO', function (this: TrackerWorld, where: string) {
  execFileSync('mkfifo', [place(this, where)]);
});

Given('{string} is a link to {string}', function (this: TrackerWorld, where: string, target: string) {
  symlinkSync(isAbsolute(target) ? target : join(this.workDir, target), place(this, where));
});

When('I run {string}, killed if it hangs', async function (this: TrackerWorld, line: string) {
  await this.runTracker(splitArgs(line), { killAfterMs: HANG_MS });
});
