// Steps that run `npm run demo` (scripts/demo.sh) beside a user's ledger and check it stayed untouched.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Given, Then, When } from '@cucumber/cucumber';
import type { TrackerWorld } from './world.js';

const MARKER = '.agent-tracker-demo';
const USER_TEXT = 'my own notes\n';

function resolveDir(world: TrackerWorld, name: string): string {
  return name === 'the data dir' ? world.dataDir : join(world.workDir, name);
}

Given('a directory {string} the demo made earlier, holding {string}', function (this: TrackerWorld, name: string, file: string) {
  const dir = resolveDir(this, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, MARKER), 'made by the demo\n');
  writeFileSync(join(dir, file), 'left from an earlier demo\n');
});

Given("a directory {string} of the user's, holding {string}", function (this: TrackerWorld, name: string, file: string) {
  mkdirSync(resolveDir(this, name), { recursive: true });
  writeFileSync(join(resolveDir(this, name), file), USER_TEXT);
});

Then('{string} still holds what the user wrote', function (this: TrackerWorld, path: string) {
  assert.equal(readFileSync(join(this.workDir, path), 'utf8'), USER_TEXT);
});

When('I run the demo in {string} with TRACKER_DATA_DIR at the data dir', async function (this: TrackerWorld, name: string) {
  // DEMO_DIR names the demo's directory; TRACKER_DATA_DIR is the user's ledger, which it must never touch.
  await this.runInProject('bash', ['scripts/demo.sh'], { DEMO_DIR: resolveDir(this, name), TRACKER_DATA_DIR: this.dataDir, TZ: 'UTC' });
});

Then('the demo wrote its own ledger in {string} with {int} windows', function (this: TrackerWorld, name: string, count: number) {
  const dir = resolveDir(this, name);
  assert.ok(existsSync(join(dir, MARKER)), `${dir} carries no demo marker`);
  const windows = readFileSync(join(dir, 'ledger', 'windows.jsonl'), 'utf8')
    .trim()
    .split('\n');
  assert.equal(windows.length, count);
});

Then('{string} holds no {string}', function (this: TrackerWorld, name: string, file: string) {
  assert.ok(!existsSync(join(resolveDir(this, name), file)), `${file} is still in ${name}`);
});
