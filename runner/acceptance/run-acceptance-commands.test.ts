// runAcceptanceTests with a task's own test command: real python3 unittest runs (on the host and, where bubblewrap
// works, inside it with no network, as uid 65534), TypeScript through its hook, the overlay layout, a report kind needing a command.
import { allowSkip } from '../../kernel/index.js';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIsolationPlan, probeBwrap } from '../isolation/resolve-isolation.js';
import { handOverSandbox } from '../isolation/wrap-command.js';
import { installHiddenTests } from './install-hidden-tests.js';
import { runAcceptanceTests } from './run-acceptance-tests.js';
import { removeScratch } from '../test-fixtures/remove-scratch.js';

const parent = mkdtempSync(join(tmpdir(), 'acceptance-commands-'));
chmodSync(parent, 0o755); // the sandbox's uid (65534 under a root runner) must reach the arm folder
afterAll(() => removeScratch(parent));
const UNITTEST = { report: 'unittest', layout: 'tests-dir' } as const;

/** A work folder with calc.py (add is right, sub is wrong) and hidden tests for both. */
function makePythonTask(name: string): { root: string; workDir: string; testsDir: string } {
  const root = join(parent, name);
  const workDir = join(root, 'work');
  const testsDir = join(root, 'hidden');
  mkdirSync(workDir, { recursive: true });
  mkdirSync(testsDir, { recursive: true });
  writeFileSync(join(workDir, 'calc.py'), 'def add(a, b):\n    return a + b\n\ndef sub(a, b):\n    return a + b\n');
  writeFileSync(
    join(testsDir, 'test_calc.py'),
    'import unittest\nfrom calc import add, sub\n\nclass T(unittest.TestCase):\n    def test_add(self):\n        self.assertEqual(add(2, 1), 3)\n\n    def test_sub(self):\n        self.assertEqual(sub(2, 1), 1)\n',
  );
  return { root, workDir, testsDir };
}

describe('runAcceptanceTests with a python unittest task', () => {
  it('runs python3 -m unittest over tests/ by default and scores its summary', async () => {
    const { workDir, testsDir } = makePythonTask('host');
    const result = await runAcceptanceTests({ workDir, testsDir, test: UNITTEST, timeoutMs: 30_000 });
    expect(result).toMatchObject({ total: 2, passed: 1, failed: 1, quality: 0.5, timedOut: false });
    expect(result.exitCode).not.toBe(0);
    expect(result.outputTail).toContain('Ran 2 tests');
  });

  it("counts the tests a file that failed to load never reported as failed, up to the task's expected total", async () => {
    const { workDir, testsDir } = makePythonTask('lost-file');
    // A second hidden file with three tests whose module the agent never wrote: unittest reports one error for it.
    writeFileSync(
      join(testsDir, 'test_more.py'),
      'import unittest\nfrom more import a, b, c\n\nclass M(unittest.TestCase):\n    def test_a(self): a()\n    def test_b(self): b()\n    def test_c(self): c()\n',
    );
    const test = { ...UNITTEST, expected_total: 5 };
    const result = await runAcceptanceTests({ workDir, testsDir, test, timeoutMs: 30_000 });
    expect(result).toMatchObject({ total: 5, passed: 1, failed: 4, quality: 0.2 });
    expect(result.note).toContain("2 of the task's 5 hidden tests reported no result");
  });

  it('gives quality 0 with a note when the command prints no summary', async () => {
    const { workDir, testsDir } = makePythonTask('no-summary');
    const test = { report: 'pytest' as const, layout: 'tests-dir' as const, command: ['python3', '-c', 'print("hello")'] };
    const result = await runAcceptanceTests({ workDir, testsDir, test, timeoutMs: 30_000 });
    expect(result).toMatchObject({ total: 0, passed: 0, quality: 0, exitCode: 0 });
    expect(result.note).toBe('quality 0: no pytest summary in the output');
  });

  it('refuses a report kind without a default command before touching the work folder', async () => {
    const { workDir, testsDir } = makePythonTask('no-command');
    await expect(
      runAcceptanceTests({ workDir, testsDir, test: { report: 'cargo', layout: 'tests-dir' }, timeoutMs: 1000 }),
    ).rejects.toThrow(/expected test.command in task.json for report "cargo"/);
    expect(existsSync(join(workDir, 'tests'))).toBe(false);
  });
});

/** A TypeScript work folder: src/stack.ts (an enum, a namespace, a generic class with a parameter property) and one hidden .test.ts file. */
function makeTypescriptTask(name: string, size: string): { root: string; workDir: string; testsDir: string } {
  const root = join(parent, name);
  const workDir = join(root, 'work');
  const testsDir = join(root, 'hidden');
  mkdirSync(join(workDir, 'src'), { recursive: true });
  mkdirSync(join(testsDir, 'unit'), { recursive: true });
  writeFileSync(
    join(workDir, 'src', 'stack.ts'),
    `export enum Kind { A = 'a' }\nexport namespace Units { export const one = 1; }\nexport class Stack<T> {\n  private items: T[] = [];\n` +
      `  constructor(public readonly name = 'stack') {}\n  push(item: T): void { this.items.push(item); }\n  get size(): number { return ${size}; }\n}\n`,
  );
  writeFileSync(
    join(testsDir, 'unit', 'stack.test.ts'),
    "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { Kind, Stack, Units } from '../../src/stack.js';\n" +
      "test('size', () => { const s = new Stack<number>(); s.push(1); assert.equal(s.size, 1); });\ntest('kind', () => assert.equal(Kind.A, 'a'));\n" +
      "test('namespace and parameter property', () => assert.equal(new Stack().name + Units.one, 'stack1'));\n",
  );
  return { root, workDir, testsDir };
}

describe('runAcceptanceTests with a TypeScript task', () => {
  it('runs the .test.ts files through the esbuild hook, resolving ./x.js imports to ./x.ts', async () => {
    const { workDir, testsDir } = makeTypescriptTask('ts-host', '0');
    const result = await runAcceptanceTests({ workDir, testsDir, language: 'typescript', timeoutMs: 60_000 });
    expect(result).toMatchObject({ total: 3, passed: 2, failed: 1 });
  });
});

const plan = buildIsolationPlan({ commands: [], dataDir: join(parent, 'data'), env: process.env });
const bwrapError = allowSkip(existsSync('/usr/bin/bwrap') ? probeBwrap(plan) : 'bwrap is not installed');

describe.skipIf(bwrapError !== null)(`python3 inside bubblewrap${bwrapError ? ` (skipped: ${bwrapError})` : ''}`, () => {
  it('finds python3 on a PATH whose HOME entries are hidden, and scores the run', async () => {
    const { root, workDir, testsDir } = makePythonTask('bwrap');
    mkdirSync(join(root, 'home'));
    handOverSandbox(plan, root);
    const result = await runAcceptanceTests({
      workDir,
      testsDir,
      test: UNITTEST,
      timeoutMs: 30_000,
      homeDir: join(root, 'home'),
      isolation: plan,
      sandboxRoot: root,
    });
    expect(result).toMatchObject({ total: 2, passed: 1, failed: 1 });
  });

  it('reads the TypeScript hook and esbuild inside the sandbox', async () => {
    const { root, workDir, testsDir } = makeTypescriptTask('ts-bwrap', 'this.items.length');
    mkdirSync(join(root, 'home'));
    handOverSandbox(plan, root);
    const result = await runAcceptanceTests({
      workDir,
      testsDir,
      language: 'typescript',
      timeoutMs: 60_000,
      homeDir: join(root, 'home'),
      isolation: plan,
      sandboxRoot: root,
    });
    expect(result).toMatchObject({ total: 3, passed: 3, failed: 0, quality: 1 });
  });
});

describe('installHiddenTests overlay', () => {
  it('writes each hidden file at its own path, replacing the agent files and unlinking symlinks on the way', () => {
    const root = join(parent, 'overlay');
    const workDir = join(root, 'work');
    const hidden = join(root, 'hidden');
    const outside = join(root, 'outside');
    mkdirSync(join(hidden, 'pkg', 'tests'), { recursive: true });
    mkdirSync(join(workDir, 'pkg'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(hidden, 'pkg', 'tests', 'test_a.py'), 'hidden a\n');
    writeFileSync(join(hidden, 'top_test.py'), 'hidden top\n');
    symlinkSync(outside, join(workDir, 'pkg', 'tests')); // the agent points the tests folder outside
    writeFileSync(join(workDir, 'top_test.py'), 'agent fake\n');
    writeFileSync(join(workDir, 'keep.py'), 'agent code\n');
    installHiddenTests(workDir, hidden, 'overlay');
    expect(lstatSync(join(workDir, 'pkg', 'tests')).isDirectory()).toBe(true);
    expect(readFileSync(join(workDir, 'pkg', 'tests', 'test_a.py'), 'utf8')).toBe('hidden a\n');
    expect(readFileSync(join(workDir, 'top_test.py'), 'utf8')).toBe('hidden top\n');
    expect(readFileSync(join(workDir, 'keep.py'), 'utf8')).toBe('agent code\n');
    expect(existsSync(join(outside, 'test_a.py'))).toBe(false);
  });

  it('refuses a symlink among the hidden tests', () => {
    const root = join(parent, 'overlay-link');
    mkdirSync(join(root, 'work'), { recursive: true });
    mkdirSync(join(root, 'hidden'));
    symlinkSync('/etc/passwd', join(root, 'hidden', 'link.py'));
    expect(() => installHiddenTests(join(root, 'work'), join(root, 'hidden'), 'overlay')).toThrow(/got a symlink/);
  });

  it("splices a Rust unit-test module into the agent's source in place of its own, never through a planted link", () => {
    const root = join(parent, 'overlay-rust');
    const workDir = join(root, 'work');
    const hidden = join(root, 'hidden');
    mkdirSync(join(hidden, 'src'), { recursive: true });
    mkdirSync(join(workDir, 'src'), { recursive: true });
    const module = '#[cfg(test)]\nmod tests {\n    #[test]\n    fn hidden() {}\n}';
    writeFileSync(join(hidden, 'src', 'lib.rs.cfg-test'), module);
    writeFileSync(join(workDir, 'src', 'lib.rs'), 'pub fn x() {}\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn agents_own() {}\n}\n');
    installHiddenTests(workDir, hidden, 'overlay');
    expect(readFileSync(join(workDir, 'src', 'lib.rs'), 'utf8')).toBe(`pub fn x() {}\n\n${module}\n`);
    expect(existsSync(join(workDir, 'src', 'lib.rs.cfg-test'))).toBe(false);
    const victim = join(root, 'victim.rs');
    writeFileSync(victim, 'outside\n');
    rmSync(join(workDir, 'src', 'lib.rs'));
    symlinkSync(victim, join(workDir, 'src', 'lib.rs'));
    installHiddenTests(workDir, hidden, 'overlay');
    expect(readFileSync(victim, 'utf8')).toBe('outside\n');
    expect(lstatSync(join(workDir, 'src', 'lib.rs')).isFile()).toBe(true);
  });
});
