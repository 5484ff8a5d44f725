// Builds the small git repositories the @tasks specs import from: each commit a set of file writes and removals, with real git.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execa } from 'execa';

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'spec',
  GIT_AUTHOR_EMAIL: 'spec@example.invalid',
  GIT_COMMITTER_NAME: 'spec',
  GIT_COMMITTER_EMAIL: 'spec@example.invalid',
};

/** A fake service key, built in pieces so that this file itself does not read as a credential. */
export const PLANTED_SECRET = ['sk', 'ant', 'api03', 'Zq8kLp2vR9mW4xT7bN1cY5dF'].join('-');

/**
 * One commit: its message, files to write (path -> text) and paths to remove; on `branch` (made at main when new) instead
 * of main, or, with `merge`, that branch merged into main (--no-ff) with the message.
 */
interface CommitSpec {
  message: string;
  write?: Record<string, string>;
  remove?: string[];
  branch?: string;
  merge?: string;
}

async function buildRepo(dir: string, commits: CommitSpec[]): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const git = (args: string[]) => execa('git', args, { cwd: dir, env: GIT_ENV });
  await git(['init', '-q', '-b', 'main']);
  for (const commit of commits) {
    if (commit.merge) {
      await git(['merge', '-q', '--no-ff', commit.merge, '-m', commit.message]);
      continue;
    }
    if (commit.branch)
      await git(['checkout', '-q', '-B', commit.branch, (await git(['branch', '--list', commit.branch])).stdout ? commit.branch : 'main']);
    for (const [path, text] of Object.entries(commit.write ?? {})) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    for (const path of commit.remove ?? []) rmSync(join(dir, path));
    await git(['add', '-A']);
    await git(['commit', '-q', '-m', commit.message]);
    if (commit.branch) await git(['checkout', '-q', 'main']);
  }
}

const SLUGIFY =
  "export function slugify(text) {\n  return text.toLowerCase().trim().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');\n}\n";
const SLUGIFY_TEST =
  "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { slugify } from '../src/slugify.js';\n\ntest('lower-cases and joins words', () => assert.equal(slugify('Hello World'), 'hello-world'));\ntest('drops edge dashes', () => assert.equal(slugify(' -a b- '), 'a-b'));\n";
const SUM_TEST = (extra: string) =>
  `import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { sum } from '../src/sum.js';\n\ntest('adds', () => assert.equal(sum([1, 2]), 3));\n${extra}`;

/** JavaScript (node:test): two tasks to keep (clamp, slugify re-added), and one of each rejection. */
export async function buildJavaScriptRepo(dir: string): Promise<void> {
  await buildRepo(dir, [
    {
      message: 'Start the package with sum',
      write: {
        'package.json': '{\n  "name": "js-demo",\n  "type": "module",\n  "scripts": { "test": "node --test" }\n}\n',
        'src/sum.js': 'export function sum(values) {\n  let total = 0;\n  for (const v of values) total += v;\n  return total;\n}\n',
        'test/sum.test.js': SUM_TEST(''),
      },
    },
    { message: 'Add the service config', write: { 'config.js': `export const serviceKey = "${PLANTED_SECRET}";\n` } },
    { message: 'Add slugify', write: { 'src/slugify.js': SLUGIFY, 'test/slugify.test.js': SLUGIFY_TEST } },
    {
      message: 'Refactor sum with reduce',
      write: { 'src/sum.js': 'export function sum(values) {\n  return values.reduce((a, b) => a + b, 0);\n}\n' },
    },
    {
      message: 'Test that the sum of an empty list is zero',
      write: {
        'src/sum.js': '// Adds numbers.\nexport function sum(values) {\n  return values.reduce((a, b) => a + b, 0);\n}\n',
        'test/sum.test.js': SUM_TEST("test('an empty list sums to 0', () => assert.equal(sum([]), 0));\n"),
      },
    },
    { message: 'Revert "Add slugify"', remove: ['src/slugify.js', 'test/slugify.test.js'] },
    { message: 'Add slugify again', write: { 'src/slugify.js': SLUGIFY, 'test/slugify.test.js': SLUGIFY_TEST } },
    {
      message: 'Add clamp and export it from the index\n\nclamp(value, min, max) keeps a number inside a range.',
      write: {
        'src/clamp.js':
          'export function clamp(value, min, max) {\n  if (min > max) throw new RangeError("min > max");\n  return Math.min(max, Math.max(min, value));\n}\n',
        'src/index.js': "export { clamp } from './clamp.js';\nexport { sum } from './sum.js';\n",
        'test/clamp.test.js':
          "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { clamp } from '../src/index.js';\n\ntest('inside', () => assert.equal(clamp(5, 0, 10), 5));\ntest('below', () => assert.equal(clamp(-1, 0, 10), 0));\ntest('bad range', () => assert.throws(() => clamp(1, 2, 1), RangeError));\n",
      },
    },
  ]);
}

const OPS_TEST = (extra: string) =>
  `import unittest\nfrom calc.ops import add${extra ? ', mul' : ''}\n\n\nclass OpsTest(unittest.TestCase):\n    def test_add(self):\n        self.assertEqual(add(2, 3), 5)\n${extra}`;

/** Python (unittest): two tasks to keep (mul, power), a secret in a solution, a refactor, tests that already pass. */
export async function buildPythonRepo(dir: string): Promise<void> {
  await buildRepo(dir, [
    {
      message: 'Start calc with add',
      write: { 'calc/__init__.py': '', 'calc/ops.py': 'def add(a, b):\n    return a + b\n', 'tests/test_ops.py': OPS_TEST('') },
    },
    {
      message: 'Add settings with the deploy key',
      write: {
        'calc/settings.py': `DEPLOY_KEY = "${PLANTED_SECRET}"\nPRECISION = 4\n`,
        'tests/test_settings.py':
          'import unittest\nfrom calc.settings import PRECISION\n\n\nclass SettingsTest(unittest.TestCase):\n    def test_precision(self):\n        self.assertEqual(PRECISION, 4)\n',
      },
    },
    {
      message: 'Add mul',
      write: {
        'calc/ops.py': 'def add(a, b):\n    return a + b\n\n\ndef mul(a, b):\n    return a * b\n',
        'tests/test_ops.py': OPS_TEST('\n    def test_mul(self):\n        self.assertEqual(mul(4, 5), 20)\n'),
      },
    },
    {
      message: 'Rename arguments in add',
      write: { 'calc/ops.py': 'def add(x, y):\n    return x + y\n\n\ndef mul(a, b):\n    return a * b\n' },
    },
    {
      message: 'Cover add with negative numbers and zero',
      write: {
        'calc/ops.py': '# Plain arithmetic.\ndef add(x, y):\n    return x + y\n\n\ndef mul(a, b):\n    return a * b\n',
        'tests/test_ops.py': OPS_TEST(
          '\n    def test_mul(self):\n        self.assertEqual(mul(4, 5), 20)\n\n    def test_negative(self):\n        self.assertEqual(add(-2, -3), -5)\n',
        ),
      },
    },
    {
      message: 'Add power',
      write: {
        'calc/power.py':
          'def power(base, exponent):\n    if exponent < 0:\n        raise ValueError("negative exponent")\n    result = 1\n    for _ in range(exponent):\n        result *= base\n    return result\n',
        'tests/test_power.py':
          'import unittest\nfrom calc.power import power\n\n\nclass PowerTest(unittest.TestCase):\n    def test_cube(self):\n        self.assertEqual(power(2, 3), 8)\n\n    def test_negative(self):\n        with self.assertRaises(ValueError):\n            power(2, -1)\n',
      },
    },
  ]);
}

/**
 * Python (unittest) merges: one whose branch carries the fix and its tests in one commit (and its docs in another),
 * reduced to that commit; one that brings two fixes, each with its tests, refused as mixed.
 */
export async function buildPythonMergeRepo(dir: string): Promise<void> {
  const ops = (extra: string) => `def add(a, b):\n    return a + b\n${extra}`;
  const div = '\n\ndef div(a, b):\n    return a / b\n';
  await buildRepo(dir, [
    { message: 'Start calc with add', write: { 'calc/__init__.py': '', 'calc/ops.py': ops(''), 'tests/test_ops.py': OPS_TEST('') } },
    {
      message: 'Add div\n\ndiv(a, b) divides a by b.',
      branch: 'div',
      write: {
        'calc/ops.py': ops(div),
        'tests/test_div.py':
          'import unittest\nfrom calc.ops import div\n\n\nclass DivTest(unittest.TestCase):\n    def test_div(self):\n        self.assertEqual(div(6, 3), 2)\n',
      },
    },
    { message: 'Document div', branch: 'div', write: { 'README.md': 'div(a, b) divides.\n' } },
    { message: 'Note the package', write: { 'NOTES.md': 'calc\n' } },
    { message: 'Merge pull request #1 from someone/div', merge: 'div' },
    {
      message: 'Add neg',
      branch: 'mixed',
      write: {
        'calc/neg.py': 'def neg(a):\n    return -a\n',
        'tests/test_neg.py':
          'import unittest\nfrom calc.neg import neg\n\n\nclass NegTest(unittest.TestCase):\n    def test_neg(self):\n        self.assertEqual(neg(2), -2)\n',
      },
    },
    {
      message: 'Faster imports',
      branch: 'mixed',
      write: {
        'calc/__init__.py': 'from .ops import add\n',
        'tests/test_imports.py':
          'import unittest\nimport calc\n\n\nclass ImportTest(unittest.TestCase):\n    def test_add(self):\n        self.assertEqual(calc.add(1, 1), 2)\n',
      },
    },
    { message: 'Merge pull request #2 from someone/mixed', merge: 'mixed' },
  ]);
}
