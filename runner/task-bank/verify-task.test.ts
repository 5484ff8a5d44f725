// verifyTask on tiny real banks: a sound python task, a node task whose tests already pass, a solution that fails.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTaskBank } from './load-task-bank.js';
import { removeScratch } from '../test-fixtures/remove-scratch.js';
import { verifyTask } from './verify-task.js';

const scratch = mkdtempSync(join(tmpdir(), 'verify-task-'));
afterAll(() => removeScratch(scratch));

/** Writes DIR/<id>/ with the given files per part (paths relative to the part). */
function writeTask(
  bank: string,
  id: string,
  meta: Record<string, unknown>,
  parts: Record<'fixture' | 'tests' | 'solution', Record<string, string>>,
): void {
  const dir = join(bank, id);
  writeFileSync(join(mkdirP(dir), 'spec.md'), `# ${id}\n`);
  const base = { id, title: id, estimated_lines: 10, timeout_s: 60, status: 'ready', language: 'javascript' };
  writeFileSync(join(dir, 'task.json'), JSON.stringify({ ...base, ...meta }));
  for (const [part, files] of Object.entries(parts)) {
    mkdirP(join(dir, part));
    for (const [path, text] of Object.entries(files))
      writeFileSync(join(mkdirP(join(dir, part, path, '..')), path.split('/').pop() as string), text);
  }
}

function mkdirP(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

const PY_TEST =
  'import unittest\nfrom shout import shout\n\nclass T(unittest.TestCase):\n    def test_upper(self):\n        self.assertEqual(shout("hi"), "HI!")\n';
const NODE_TEST =
  "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { two } from '../src/two.js';\ntest('two', () => assert.equal(two(), 2));\n";

const bank = mkdtempSync(join(scratch, 'bank-'));
writeTask(
  bank,
  'py-shout',
  { language: 'python', test: { report: 'unittest' } },
  {
    fixture: { 'shout.py': 'def shout(text):\n    return text\n' },
    tests: { 'test_shout.py': PY_TEST },
    solution: { 'shout.py': 'def shout(text):\n    return text.upper() + "!"\n' },
  },
);
writeTask(
  bank,
  'node-already-done',
  {},
  {
    fixture: { 'src/two.js': 'export const two = () => 2;\n' },
    tests: { 'two.test.js': NODE_TEST },
    solution: { 'src/two.js': 'export const two = () => 2;\n' },
  },
);
writeTask(
  bank,
  'node-bad-solution',
  {},
  {
    fixture: { 'src/two.js': 'export const two = () => 1;\n' },
    tests: { 'two.test.js': NODE_TEST },
    solution: { 'src/two.js': 'export const two = () => 3;\n' },
  },
);

const COUNTER = join(bank, 'flaky-counter');
const FLAKY_TEST = `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync } from 'node:fs';
import { two } from '../src/two.js';
test('two', () => assert.equal(two(), 2));
test('wobbly', () => {
  appendFileSync(${JSON.stringify(COUNTER)}, 'x');
  assert.equal(readFileSync(${JSON.stringify(COUNTER)}, 'utf8').length, 1); // passes in the first run only
});
`;
writeTask(
  bank,
  'node-flaky-only',
  {},
  {
    fixture: { 'src/two.js': 'export const two = () => 2;\n' },
    tests: { 'two.test.js': FLAKY_TEST },
    solution: { 'src/two.js': 'export const two = () => 2;\n' },
  },
);
writeTask(
  bank,
  'node-stale-lists',
  { fail_to_pass: ['two', 'gone'], pass_to_pass: [] },
  {
    fixture: { 'src/two.js': 'export const two = () => 2;\n' },
    tests: { 'two.test.js': NODE_TEST },
    solution: { 'src/two.js': 'export const two = () => 2;\n' },
  },
);

writeTask(
  bank,
  'go-unbuilt-solution',
  { language: 'go', test: { command: ['go', 'test', '-json', '.'], report: 'go', layout: 'overlay' } },
  {
    fixture: { 'go.mod': 'module example.com/calc\n\ngo 1.19\n', 'calc.go': 'package calc\n' },
    tests: {
      'calc_test.go': 'package calc\n\nimport "testing"\n\nfunc TestTwo(t *testing.T) {\n\tif Two() != 2 {\n\t\tt.Fatal("2")\n\t}\n}\n',
    },
    solution: { 'calc.go': 'package calc\n\nfunc Two() int {\n\treturn "2"\n}\n' },
  },
);

describe('verifyTask', () => {
  const tasks = loadTaskBank(bank);
  const byId = (id: string) => tasks.find((task) => task.meta.id === id)!;

  it('accepts a python task whose test fails on the fixture and passes on the solution, naming it fail_to_pass', async () => {
    expect(await verifyTask(byId('py-shout'), { parentDir: scratch })).toEqual({
      id: 'py-shout',
      fixture: { passed: 0, total: 1 },
      solution: { passed: 1, total: 1 },
      ok: true,
      notes: [],
      fail_to_pass: ['test_shout.T.test_upper'],
      pass_to_pass: [],
      excluded: [],
      lists: 'derived',
      noop: 0,
      oracle: 1,
    });
  });

  it('rejects a task whose hidden tests already pass on the fixture', async () => {
    const verdict = await verifyTask(byId('node-already-done'), { parentDir: scratch });
    expect(verdict).toMatchObject({ ok: false, fixture: { passed: 1, total: 1 }, pass_to_pass: ['two'], fail_to_pass: [] });
    expect(verdict.reason).toBe('no test fails on the fixture and passes on the solution (1 pass on both, 0 fail on the solution)');
  });

  it('rejects a task whose solution does not pass, listing the test as failing there', async () => {
    const verdict = await verifyTask(byId('node-bad-solution'), { parentDir: scratch });
    expect(verdict).toMatchObject({ ok: false, excluded: [{ name: 'two', reason: 'fails-on-solution' }] });
    expect(verdict.reason).toBe('no test fails on the fixture and passes on the solution (0 pass on both, 1 fail on the solution)');
  });

  it('leaves out a test whose outcome varies between reruns, and rejects a task left with no fail_to_pass as flaky', async () => {
    const verdict = await verifyTask(byId('node-flaky-only'), { parentDir: scratch });
    expect(verdict.excluded).toEqual([{ name: 'wobbly', reason: 'flaky' }]);
    expect(verdict.reason).toMatch(/^flaky: /);
  });

  it('refuses stored lists on which sim-noop scores above 0 (the fixture already passes a fail_to_pass test)', async () => {
    const verdict = await verifyTask(byId('node-stale-lists'), { parentDir: scratch, reruns: { solution: 1, fixture: 1 } });
    expect(verdict).toMatchObject({ ok: false, lists: 'stored', noop: 0.5, oracle: 0.5 });
    expect(verdict.reason).toBe('sim-noop scores 0.5 (fail_to_pass tests pass on the unchanged fixture: two, gone)');
  });

  it.skipIf(!existsSync('/usr/bin/go'))("calls a solution that does not compile the task's failure, not the environment's", async () => {
    const verdict = await verifyTask(byId('go-unbuilt-solution'), { parentDir: scratch, reruns: { solution: 1, fixture: 1 } });
    expect(verdict.environment).toBeUndefined();
    expect(verdict.reason).toMatch(/^the solution does not build: \.\/calc\.go:4:9: .*string/);
  });
});
