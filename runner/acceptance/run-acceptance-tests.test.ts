// Real `node --test` runs of two bank tasks' hidden tests in real sandboxes: fixture, solution, fakes, partial work, hangs.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTaskBank } from '../task-bank/load-task-bank.js';
import { commitAgentWork, listChangedFiles } from '../sandbox/commit-work.js';
import { createSandbox } from '../sandbox/create-sandbox.js';
import { buildTestEnv } from './build-test-env.js';
import { runAcceptanceTests } from './run-acceptance-tests.js';

const BANK = fileURLToPath(new URL('../../task-bank', import.meta.url));
const TASKS = loadTaskBank(BANK).filter((t) => ['duration-parser', 'slugify-unicode'].includes(t.meta.id));
const parent = mkdtempSync(join(tmpdir(), 'acceptance-test-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));
const TIMEOUT = 15_000;

/** Implements formatDuration only: passes 2 of the 6 hidden duration-parser tests (format, format rejects). */
const PARTIAL_DURATION = `
export function parseDuration(text) { return Number.parseInt(text, 10); }
const UNITS = [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]];
export function formatDuration(ms) {
  if (!Number.isInteger(ms)) throw new RangeError('expected an integer, got ' + ms);
  if (ms === 0) return '0ms';
  let rest = Math.abs(ms);
  let out = ms < 0 ? '-' : '';
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    if (n > 0) out += n + unit;
    rest -= n * size;
  }
  return out;
}
`;

describe('runAcceptanceTests on real tasks', () => {
  it('uses two real tasks', () => expect(TASKS).toHaveLength(2));

  it.each(TASKS.map((t) => [t.meta.id, t] as const))('%s: fixture fails, solution scores 1, a fake tests/ is replaced', async (id, task) => {
    const box = await createSandbox({ fixtureDir: task.fixture, taskId: id, parentDir: parent });
    const before = await runAcceptanceTests({ workDir: box.workDir, testsDir: task.tests, timeoutMs: TIMEOUT });
    expect(before.total).toBeGreaterThan(0);
    expect(before.failed).toBeGreaterThan(0);
    expect(before.quality).toBeLessThan(1);
    expect(before.exitCode).not.toBe(0);
    expect(before.timedOut).toBe(false);
    expect(before.passed + before.failed).toBe(before.total);

    // The agent writes a test folder of its own that passes, and leaves the code untouched.
    rmSync(join(box.workDir, 'tests'), { recursive: true });
    mkdirSync(join(box.workDir, 'tests'));
    writeFileSync(join(box.workDir, 'tests', 'fake.test.js'), "import { test } from 'node:test';\ntest('always passes', () => {});\n");
    const faked = await runAcceptanceTests({ workDir: box.workDir, testsDir: task.tests, timeoutMs: TIMEOUT });
    expect(faked).toMatchObject({ total: before.total, passed: before.passed, failed: before.failed });
    expect(faked.outputTail).not.toContain('always passes');

    cpSync(task.solution, box.workDir, { recursive: true });
    const end = await commitAgentWork(box.workDir, 'agent work');
    expect((await listChangedFiles(box.workDir, box.commitStart, end)).some((path) => path.startsWith('src/'))).toBe(true);
    const after = await runAcceptanceTests({ workDir: box.workDir, testsDir: task.tests, timeoutMs: TIMEOUT });
    expect(after).toMatchObject({ total: before.total, passed: before.total, failed: 0, quality: 1, exitCode: 0, timedOut: false });
    expect(after.note).toBeUndefined();
    expect(after.outputTail).toMatch(/# pass [1-9]/);
  });

  it('scores partial work as a fraction strictly between 0 and 1', async () => {
    const task = TASKS.find((t) => t.meta.id === 'duration-parser')!;
    const box = await createSandbox({ fixtureDir: task.fixture, taskId: task.meta.id, parentDir: parent });
    writeFileSync(join(box.workDir, 'src', 'duration.js'), PARTIAL_DURATION);
    const result = await runAcceptanceTests({ workDir: box.workDir, testsDir: task.tests, timeoutMs: TIMEOUT });
    expect(result).toMatchObject({ total: 6, passed: 2, failed: 4 });
    expect(result.quality).toBeCloseTo(2 / 6, 10);
  });
});

describe('runAcceptanceTests on crafted tests', () => {
  const makeTests = (files: Record<string, string>): { workDir: string; testsDir: string } => {
    const root = mkdtempSync(join(parent, 'crafted-'));
    const testsDir = join(root, 'hidden');
    mkdirSync(testsDir);
    for (const [name, body] of Object.entries(files)) writeFileSync(join(testsDir, name), body);
    mkdirSync(join(root, 'work'));
    return { workDir: join(root, 'work'), testsDir };
  };

  it('runs without the runner\'s NODE_OPTIONS or vitest variables', async () => {
    expect(process.env.VITEST).toBeDefined(); // this test itself runs under vitest
    const leaked = "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\n" +
      "test('clean env', () => { assert.deepEqual(Object.keys(process.env).filter((k) => /^(VITEST|NODE_OPTIONS$|NODE_ENV$)/.test(k)), []); });\n";
    const { workDir, testsDir } = makeTests({ 'env.test.mjs': leaked });
    process.env.NODE_OPTIONS = '--require=/nonexistent/leak.cjs';
    try {
      const result = await runAcceptanceTests({ workDir, testsDir, timeoutMs: TIMEOUT });
      expect(result, result.outputTail).toMatchObject({ total: 1, passed: 1, quality: 1 });
    } finally {
      delete process.env.NODE_OPTIONS;
    }
    expect(Object.keys(buildTestEnv({ VITEST_POOL_ID: '1', NODE_OPTIONS: '-r x', PATH: '/bin' }, { HOME: '/h' }))).toEqual(['PATH', 'HOME']);
  });

  it('gives quality 0 with a note when the hidden tests hold no tests', async () => {
    // (Node 20 counts a test file without tests as one passing test, so only a folder without test files gives 0.)
    const { workDir, testsDir } = makeTests({ 'helper.mjs': 'export const x = 1;\n' });
    const result = await runAcceptanceTests({ workDir, testsDir, timeoutMs: TIMEOUT });
    expect(result).toMatchObject({ total: 0, passed: 0, quality: 0, note: 'quality 0: the hidden tests hold no tests' });
  });

  it('stops a hanging run at the timeout and scores 0 without a summary', async () => {
    const hang = "import { test } from 'node:test';\ntest('quick', () => {});\ntest('hang', () => new Promise(() => { setInterval(() => {}, 1000); }));\n";
    const { workDir, testsDir } = makeTests({ 'hang.test.mjs': hang });
    const started = Date.now();
    const result = await runAcceptanceTests({ workDir, testsDir, timeoutMs: 800 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result).toMatchObject({ timedOut: true, quality: 0, total: 0 });
    expect(result.note).toMatch(/no TAP summary .*timed out after 800 ms/);
  });

  it('refuses a missing work folder and a bad timeout', async () => {
    const { testsDir } = makeTests({});
    await expect(runAcceptanceTests({ workDir: join(parent, 'nope'), testsDir, timeoutMs: 1000 })).rejects.toThrow(/expected a work folder, got nothing/);
    await expect(runAcceptanceTests({ workDir: parent, testsDir, timeoutMs: 0 })).rejects.toThrow(/expected a positive timeoutMs, got 0/);
  });
});
