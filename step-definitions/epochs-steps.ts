// Steps of the epochs specs: a generated task bank, and windows counted per arm and epoch.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Given, Then } from '@cucumber/cucumber';
import type { TrackerWorld } from './world.js';

Given('a task bank {string} with {int} tasks', function (this: TrackerWorld, name: string, count: number) {
  for (let i = 1; i <= count; i += 1) {
    const id = `task-${String(i).padStart(3, '0')}`;
    mkdirSync(join(this.workDir, name, id), { recursive: true });
    writeFileSync(join(this.workDir, name, id, 'task.json'), JSON.stringify({ id }));
  }
});

Then('windows.jsonl has {int} windows, {int} epochs of each arm', function (this: TrackerWorld, count: number, epochs: number) {
  const path = this.ledgerFile('windows.jsonl');
  const windows = existsSync(path)
    ? readFileSync(path, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((row) => row.kind === 'window')
    : [];
  assert.equal(windows.length, count, `expected ${count} windows, got ${windows.length}`);
  const cells = new Set(windows.map((w) => `${w.plan_id}|${w.feature_id}|${w.provider}|${w.period}|${w.epoch}`));
  assert.equal(cells.size, count, 'two windows are of the same arm and epoch');
  const perArm = new Map<string, number[]>();
  for (const w of windows) {
    const arm = `${w.feature_id}|${w.provider}`;
    perArm.set(arm, [...(perArm.get(arm) ?? []), Number(w.epoch)]);
  }
  for (const [arm, seen] of perArm)
    assert.deepEqual(
      seen.sort((a, b) => a - b),
      Array.from({ length: epochs }, (_, i) => i + 1),
      `${arm}: epochs ${seen.join(',')}`,
    );
});
