// Steps of the @tasks import specs: repositories with a known history, and what an imported bank holds.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Given, Then } from '@cucumber/cucumber';
import { buildJavaScriptRepo, buildPythonRepo, PLANTED_SECRET } from './tasks-import-repos.js';
import type { TrackerWorld } from './world.js';

Given('a JavaScript repository {string} with a known history', async function (this: TrackerWorld, name: string) {
  await buildJavaScriptRepo(join(this.workDir, name));
});

Given('a Python repository {string} with a known history', async function (this: TrackerWorld, name: string) {
  await buildPythonRepo(join(this.workDir, name));
});

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}

Then('no file under {string} holds the planted secret', function (this: TrackerWorld, folder: string) {
  const files = listFiles(join(this.workDir, folder));
  assert.ok(files.length > 0, `expected files under ${folder}`);
  const leaked = files.filter((file) => readFileSync(file).includes(PLANTED_SECRET));
  assert.deepEqual(leaked, [], 'the planted secret was copied');
  // Nor is the file that held it copied, under any task.
  assert.deepEqual(
    files.filter((file) => /\/(?:config\.js|settings\.py)$/.test(file)),
    [],
  );
});

Then('the bank {string} holds the tasks {string}', function (this: TrackerWorld, folder: string, ids: string) {
  const dir = join(this.workDir, folder);
  const tasks = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name.replace(/-[0-9a-f]{7}$/, ''))
    .sort();
  assert.deepEqual(tasks, ids.split(',').sort());
});

Then(
  'the task {string} in {string} has {string} equal to {string}',
  function (this: TrackerWorld, prefix: string, folder: string, field: string, value: string) {
    const dir = join(this.workDir, folder);
    const id = readdirSync(dir).find((name) => name.startsWith(`${prefix}-`));
    assert.ok(id, `no task ${prefix}-<hash> in ${folder}`);
    const meta = JSON.parse(readFileSync(join(dir, id, 'task.json'), 'utf8')) as Record<string, unknown>;
    const actual = field.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], meta);
    assert.equal(JSON.stringify(actual), value);
  },
);

Given('the file {string} holds {string}', function (this: TrackerWorld, path: string, text: string) {
  mkdirSync(dirname(join(this.workDir, path)), { recursive: true });
  writeFileSync(join(this.workDir, path), text);
});
