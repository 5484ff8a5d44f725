// Steps for the preview checkpoint (state/preview/): outputs kept by name and compared, a row rewritten in place behind its back.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Given, Then, When } from '@cucumber/cucumber';
import type { TrackerWorld } from './world.js';

const kept = new WeakMap<TrackerWorld, Map<string, string>>();

function readKept(world: TrackerWorld, name: string): string {
  const output = kept.get(world)?.get(name);
  assert.ok(output !== undefined, `no output was kept as ${JSON.stringify(name)}`);
  return output;
}

Then('a preview checkpoint is stored', function (this: TrackerWorld) {
  const folder = join(this.dataDir, 'state', 'preview');
  assert.ok(existsSync(folder) && readdirSync(folder).some((name) => name.endsWith('.json')), `expected a checkpoint in ${folder}`);
});

Then('there are {int} preview checkpoints', function (this: TrackerWorld, count: number) {
  const folder = join(this.dataDir, 'state', 'preview');
  assert.equal(readdirSync(folder).filter((name) => name.endsWith('.json')).length, count);
});

When('I keep stdout as {string}', function (this: TrackerWorld, name: string) {
  const outputs = kept.get(this) ?? new Map<string, string>();
  outputs.set(name, this.last.stdout);
  kept.set(this, outputs);
});

Then('stdout equals the kept {string}', function (this: TrackerWorld, name: string) {
  assert.equal(this.last.stdout, readKept(this, name));
});

Then('stdout differs from the kept {string}', function (this: TrackerWorld, name: string) {
  assert.notEqual(this.last.stdout, readKept(this, name));
});

// The ledger is append-only: this is what a hand editing a file in place does, which the checkpoint does not see.
Given(
  'the first row of {string} is rewritten in place from {string} to {string}',
  function (this: TrackerWorld, file: string, from: string, to: string) {
    assert.equal(from.length, to.length, 'an in-place rewrite keeps the length');
    const path = join(this.dataDir, file);
    const { ino } = statSync(path);
    const text = readFileSync(path, 'utf8');
    const firstLineEnd = text.indexOf('\n');
    const at = text.indexOf(from);
    assert.ok(at !== -1 && at < firstLineEnd, `${file}'s first row has no ${from}`);
    writeFileSync(path, text.slice(0, at) + to + text.slice(at + from.length));
    assert.equal(statSync(path).ino, ino, 'the file kept its inode');
  },
);
