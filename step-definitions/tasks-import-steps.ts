// Steps of the @tasks import specs: repositories with a known history, and what an imported bank holds.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Given, Then, When } from '@cucumber/cucumber';
import { buildRepo } from '../runner/task-import/test-fixtures/native-repos.js';
import { pytestMissingPlugin } from '../runner/task-import/test-fixtures/trap-repos.js';
import {
  findOwnNodeModules,
  formatSetupFlag,
  setUpOwnRunner,
  TS_PLANTED_SECRET,
  tsEsmHistory,
} from '../runner/task-import/test-fixtures/ts-esm-repos.js';
import { buildJavaScriptRepo, buildPythonMergeRepo, buildPythonRepo, PLANTED_SECRET } from './tasks-import-repos.js';
import type { TrackerWorld } from './world.js';

Given('a JavaScript repository {string} with a known history', async function (this: TrackerWorld, name: string) {
  await buildJavaScriptRepo(join(this.workDir, name));
});

Given('a Python repository {string} with a known history', async function (this: TrackerWorld, name: string) {
  await buildPythonRepo(join(this.workDir, name));
});

Given('a Python repository {string} whose history has two merges', async function (this: TrackerWorld, name: string) {
  await buildPythonMergeRepo(join(this.workDir, name));
});

Given(
  'a pytest repository {string} whose configuration needs a plugin that is not installed',
  async function (this: TrackerWorld, name: string) {
    await buildRepo(join(this.workDir, name), pytestMissingPlugin());
  },
);

Given(
  'a TypeScript repository {string} in the ESM style, tested with {word}',
  async function (this: TrackerWorld, name: string, runner: string) {
    assert.ok(runner === 'vitest' || runner === 'node-test', `no TypeScript history tested with ${runner}`);
    await buildRepo(join(this.workDir, name), tsEsmHistory(runner));
  },
);

/** Offline, with no lockfile: the set-up gives the candidates the project's own runner, as a user's --setup-command would. */
When(
  "I import {string} into {string}, set up with the project's own {word}",
  async function (this: TrackerWorld, name: string, bank: string, runner: string) {
    const setup = formatSetupFlag(setUpOwnRunner(runner === 'vitest' ? 'vitest' : 'node-test', findOwnNodeModules()));
    await this.runTracker(['experiment', 'tasks', 'import', '--repo', name, '--out', bank, '--reruns', '1', '--setup-command', setup]);
  },
);

Then("no file under {string} holds the TypeScript history's planted secret", function (this: TrackerWorld, folder: string) {
  const files = listFiles(join(this.workDir, folder));
  assert.ok(files.length > 0, `expected files under ${folder}`);
  assert.deepEqual(
    files.filter((file) => readFileSync(file).includes(TS_PLANTED_SECRET) || file.endsWith('/src/settings.ts')),
    [],
    'the planted secret or the file that held it was copied',
  );
});

Then('the import log folder holds {int} logs naming {string}', function (this: TrackerWorld, count: number, text: string) {
  const [folder, ...others] = readdirSync(join(this.dataDir, 'import-logs'));
  assert.deepEqual(others, [], 'one import, one log folder');
  const logs = readdirSync(join(this.dataDir, 'import-logs', folder as string));
  assert.equal(logs.length, count, logs.join(', '));
  for (const log of logs) assert.ok(readFileSync(join(this.dataDir, 'import-logs', folder as string, log), 'utf8').includes(text), log);
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

/**
 * The repository's own .git/config names programs for core.fsmonitor and a diff driver's textconv (picked for every
 * file by .git/info/attributes): each leaves a file in `<scenario>/git-marks` when git runs it, so a spec sees a hook that ran.
 */
Given('the repository {string} carries a .git\\/config that runs commands', function (this: TrackerWorld, name: string) {
  const repo = join(this.workDir, name);
  const marks = join(this.workDir, 'git-marks');
  mkdirSync(marks, { recursive: true });
  const program = (key: string): string => {
    const script = join(this.workDir, `${key}.sh`);
    writeFileSync(script, `#!/bin/sh\ntouch ${join(marks, key)}\ncat "$1" 2>/dev/null\nexit 0\n`, { mode: 0o755 });
    return script;
  };
  const config = readFileSync(join(repo, '.git', 'config'), 'utf8');
  writeFileSync(
    join(repo, '.git', 'config'),
    `${config}[core]\n\tfsmonitor = ${program('fsmonitor')}\n[diff "evil"]\n\ttextconv = ${program('textconv')}\n`,
  );
  mkdirSync(join(repo, '.git', 'info'), { recursive: true });
  writeFileSync(join(repo, '.git', 'info', 'attributes'), '* diff=evil\n');
});

Then('no command of the repository git config ran', function (this: TrackerWorld) {
  assert.deepEqual(readdirSync(join(this.workDir, 'git-marks')), [], 'the repository config ran these as the runner');
});

When(
  'I paste the command the import printed after {string} into a shell in the project',
  async function (this: TrackerWorld, prefix: string) {
    const imported = this.results.findLast((result) => result.command.includes('tasks import'));
    const line = imported?.stdout.split('\n').find((candidate) => candidate.startsWith(prefix));
    assert.ok(line, `no line starting with ${JSON.stringify(prefix)} in:\n${imported?.stdout}`);
    // `npx experiment` runs the checkout's own bin from its directory, as the README has a user do.
    await this.runInProject('sh', ['-c', line.slice(prefix.length)]);
  },
);
