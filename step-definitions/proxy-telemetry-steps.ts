// Steps for proxy telemetry: JSON output fields, the kept bad lines, and files that must not appear.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Then } from '@cucumber/cucumber';
import type { TrackerWorld } from './world.js';

Then('the JSON output has {string} = {string}', function (this: TrackerWorld, path: string, expected: string) {
  let value: unknown;
  try {
    value = JSON.parse(this.last.stdout);
  } catch {
    assert.fail(`stdout is not JSON:\n${this.last.stdout}`);
  }
  const found = path
    .split('.')
    .reduce<unknown>(
      (node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined),
      value,
    );
  assert.equal(JSON.stringify(found), expected, `${path} in:\n${this.last.stdout}`);
});

Then('the kept input is line {int} of {string}', function (this: TrackerWorld, line: number, name: string) {
  const wanted = `${readFileSync(join(this.workDir, name), 'utf8').split('\n')[line - 1] ?? ''}\n`;
  const inputs = this.rejects().filter((file) => file.endsWith('.input'));
  const kept = inputs.map((file) => readFileSync(join(this.dataDir, 'rejects', file), 'utf8'));
  assert.ok(kept.includes(wanted), `no kept input is exactly line ${line} of ${name}; kept:\n${kept.join('\n---\n')}`);
});

Then('no file {string} exists in the data directory', function (this: TrackerWorld, name: string) {
  assert.ok(!existsSync(join(this.dataDir, name)), `${name} exists in the data directory`);
});
