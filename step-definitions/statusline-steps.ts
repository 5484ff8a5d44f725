// Steps that feed Claude Code statusLine payloads to `tracker statusline`, as Claude Code does on each prompt.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Then, When } from '@cucumber/cucumber';
import type { CliResult, TrackerWorld } from './world.js';

const runs = new WeakMap<TrackerWorld, CliResult[]>();

When('the statusline receives {string} {int} time(s)', async function (this: TrackerWorld, file: string, times: number) {
  const input = readFileSync(join(this.workDir, file));
  const mine = runs.get(this) ?? [];
  for (let i = 0; i < times; i += 1) mine.push(await this.runTracker(['statusline'], { input }));
  runs.set(this, mine);
});

Then('every run exited 0 and printed one line starting with {string}', function (this: TrackerWorld, prefix: string) {
  const mine = runs.get(this) ?? [];
  assert.ok(mine.length > 0, 'the statusline has not run in this scenario');
  for (const run of mine) {
    assert.equal(run.exitCode, 0, run.stderr);
    const lines = run.stdout.split('\n').filter((line) => line !== '');
    assert.equal(lines.length, 1, `expected one line, got ${JSON.stringify(run.stdout)}`);
    assert.ok(lines[0]?.startsWith(prefix), `expected a line starting with ${JSON.stringify(prefix)}, got ${JSON.stringify(lines[0])}`);
    assert.equal(run.stderr, '', 'the statusline wrote to stderr');
  }
});
