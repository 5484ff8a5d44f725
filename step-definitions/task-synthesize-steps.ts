// Steps for tasks synthesize: a tiny git repository with a node:test suite, small tagged banks, and what the banks hold.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Given, Then } from '@cucumber/cucumber';
import { buildRepo } from '../runner/task-import/test-fixtures/native-repos.js';
import { calcHistory } from '../runner/task-synthesize/test-fixtures/calc-repo.js';
import type { TrackerWorld } from './world.js';

function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

Given('a git repository {string} whose node:test suite covers src\\/calc.js', async function (this: TrackerWorld, name: string) {
  await buildRepo(join(this.workDir, name), calcHistory());
});

Given(
  'a task bank {string} holding the node task {string} tagged {string}',
  function (this: TrackerWorld, bank: string, id: string, tag: string) {
    const dir = join(this.workDir, bank, id);
    const meta = {
      id,
      title: id,
      estimated_lines: 1,
      timeout_s: 120,
      status: 'ready',
      blocked_by: ['capacity'],
      language: 'javascript',
      tags: tag === '' ? [] : [tag],
    };
    writeFiles(dir, {
      'task.json': `${JSON.stringify(meta, null, 2)}\n`,
      'spec.md': `# ${id}\n\nMake two() return 2 in src/two.js.\n`,
      'fixture/package.json': '{ "type": "module" }\n',
      'fixture/src/two.js': 'export const two = () => 1;\n',
      'tests/two.test.js':
        "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { two } from '../src/two.js';\ntest('two', () => assert.equal(two(), 2));\n",
      'solution/src/two.js': 'export const two = () => 2;\n',
    });
  },
);

function listTaskIds(root: string): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

Then(
  'every task in {string} is tagged {string} and its spec names {string} without a line the mutation replaced',
  function (this: TrackerWorld, bank: string, tag: string, file: string) {
    const root = join(this.workDir, bank);
    const ids = listTaskIds(root);
    assert.ok(ids.length > 0, `expected tasks in ${bank}`);
    for (const id of ids) {
      const meta = JSON.parse(readFileSync(join(root, id, 'task.json'), 'utf8')) as {
        tags: string[];
        source: { mutation: { path: string; start: number; end: number } };
      };
      assert.ok(meta.tags.includes(tag), `${id} is tagged ${meta.tags.join(', ')}`);
      const spec = readFileSync(join(root, id, 'spec.md'), 'utf8');
      assert.ok(spec.includes(`\`${file}\``), `${id}'s spec does not name ${file}`);
      const original = readFileSync(join(root, id, 'solution', meta.source.mutation.path));
      const from = original.lastIndexOf(0x0a, meta.source.mutation.start) + 1;
      const to = original.indexOf(0x0a, meta.source.mutation.end);
      for (const line of original
        .subarray(from, to < 0 ? original.length : to)
        .toString('utf8')
        .split('\n'))
        if (line.trim().length >= 6)
          assert.ok(!spec.includes(line.trim()), `${id}'s spec quotes the replaced line ${JSON.stringify(line.trim())}`);
    }
  },
);

Then('the folders {string} and {string} hold the same task ids', function (this: TrackerWorld, a: string, b: string) {
  const first = listTaskIds(join(this.workDir, a));
  assert.ok(first.length > 0, `expected tasks in ${a}`);
  assert.deepEqual(listTaskIds(join(this.workDir, b)), first);
});
