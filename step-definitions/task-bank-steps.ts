// Steps that build small task banks of real tasks (a Python task, node tasks) in the scenario's folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Given } from '@cucumber/cucumber';
import type { TrackerWorld } from './world.js';

type Parts = Record<'fixture' | 'tests' | 'solution', Record<string, string>>;

function writeTask(world: TrackerWorld, bank: string, id: string, meta: Record<string, unknown>, parts: Parts): void {
  const dir = join(world.workDir, bank, id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'spec.md'), `# ${id}\n\nImplement the function the tests name.\n`);
  const base = { id, title: id, estimated_lines: 5, timeout_s: 120, status: 'ready', blocked_by: ['capacity'], language: 'javascript' };
  writeFileSync(join(dir, 'task.json'), `${JSON.stringify({ ...base, ...meta }, null, 2)}\n`);
  for (const [part, files] of Object.entries(parts)) {
    mkdirSync(join(dir, part), { recursive: true });
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, part, path)), { recursive: true });
      writeFileSync(join(dir, part, path), text);
    }
  }
}

const PY_TESTS =
  'import unittest\nfrom shout import shout\n\nclass Shout(unittest.TestCase):\n' +
  '    def test_upper(self):\n        self.assertEqual(shout("hi"), "HI!")\n\n' +
  '    def test_empty(self):\n        self.assertEqual(shout(""), "!")\n';

Given('a task bank {string} holding the Python task {string}', function (this: TrackerWorld, bank: string, id: string) {
  writeTask(
    this,
    bank,
    id,
    { language: 'python', test: { report: 'unittest', command: ['python3', '-m', 'unittest', 'discover', '-s', 'tests', '-v'] } },
    {
      fixture: { 'shout.py': 'def shout(text):\n    raise NotImplementedError("shout")\n' },
      tests: { 'test_shout.py': PY_TESTS },
      solution: { 'shout.py': 'def shout(text):\n    return text.upper() + "!"\n' },
    },
  );
});

Given(
  'the task bank {string} holds the node task {string} whose tests already pass on its fixture',
  function (this: TrackerWorld, bank: string, id: string) {
    const two = 'export const two = () => 2;\n';
    writeTask(
      this,
      bank,
      id,
      {},
      {
        fixture: { 'package.json': '{ "type": "module" }\n', 'src/two.js': two },
        tests: {
          'two.test.js':
            "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { two } from '../src/two.js';\ntest('two', () => assert.equal(two(), 2));\n",
        },
        solution: { 'src/two.js': two },
      },
    );
  },
);
