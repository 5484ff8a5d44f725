// test.setup: a real set-up command (python3 writing a vendored module) run once into the cache, laid into work folders
// outside git's view, and a failing set-up reported as verify's reason.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../sandbox/create-sandbox.js';
import { loadTaskBank } from './load-task-bank.js';
import { applyTaskSetup, prepareTaskSetup, restoreTaskSetup } from './task-setup.js';
import { verifyTask } from './verify-task.js';
import { removeScratch } from '../test-fixtures/remove-scratch.js';

const scratch = mkdtempSync(join(tmpdir(), 'task-setup-'));
afterAll(() => removeScratch(scratch));

/** A python task whose tests import `vendor/helper.py`, which only its set-up command writes. */
function writeBank(setup: string[]): string {
  const bank = mkdtempSync(join(scratch, 'bank-'));
  const dir = join(bank, 'py-vendored');
  for (const part of ['fixture', 'tests', 'solution']) mkdirSync(join(dir, part), { recursive: true });
  writeFileSync(join(dir, 'spec.md'), '# spec\n');
  const test = { report: 'unittest', setup };
  writeFileSync(
    join(dir, 'task.json'),
    JSON.stringify({ id: 'py-vendored', title: 'T', estimated_lines: 1, timeout_s: 60, status: 'ready', language: 'python', test }),
  );
  writeFileSync(join(dir, 'fixture', 'requirements.txt'), 'helper==1.0\n');
  writeFileSync(join(dir, 'fixture', 'app.py'), 'from vendor.helper import double\n\ndef quad(n):\n    return n\n');
  writeFileSync(join(dir, 'solution', 'app.py'), 'from vendor.helper import double\n\ndef quad(n):\n    return double(double(n))\n');
  writeFileSync(
    join(dir, 'tests', 'test_app.py'),
    'import unittest\nfrom app import quad\n\nclass T(unittest.TestCase):\n    def test_quad(self):\n        self.assertEqual(quad(3), 12)\n',
  );
  return bank;
}

const WRITE_VENDOR = [
  'python3',
  '-c',
  "import os; os.makedirs('vendor'); open('vendor/helper.py','w').write('def double(n):\\n    return 2 * n\\n')",
];

describe('task set-up', () => {
  it('installs once for every task with the same set-up and manifests (an import of one repository)', async () => {
    const counter = join(scratch, 'installs');
    const counting = ['python3', '-c', `open(${JSON.stringify(counter)}, 'a').write('x')`];
    const [first] = loadTaskBank(writeBank(counting));
    const [second] = loadTaskBank(writeBank(counting));
    const other = { ...second!, meta: { ...second!.meta, id: 'py-vendored-other' } };
    const cacheDir = join(scratch, 'shared-cache');
    await prepareTaskSetup(first!, { cacheDir });
    await prepareTaskSetup(other, { cacheDir });
    expect(readFileSync(counter, 'utf8')).toBe('x');
    writeFileSync(join(other.fixture, 'requirements.txt'), 'helper==2.0\n');
    await prepareTaskSetup(other, { cacheDir });
    expect(readFileSync(counter, 'utf8')).toBe('xx');
  });

  it('installs once for package.json and lockfile states that differ only in the release version', async () => {
    const counter = join(scratch, 'npm-installs');
    const counting = ['python3', '-c', `open(${JSON.stringify(counter)}, 'a').write('x')`];
    const [first] = loadTaskBank(writeBank(counting));
    const [second] = loadTaskBank(writeBank(counting));
    const pkg = (version: string, deps: object) =>
      JSON.stringify({ name: 'lib', version, scripts: { test: `mocha ${version}` }, devDependencies: deps });
    const lock = (version: string) =>
      JSON.stringify({ name: 'lib', version, lockfileVersion: 3, packages: { '': { name: 'lib', version } } });
    writeFileSync(join(first!.fixture, 'package.json'), pkg('1.0.0', { mocha: '^10' }));
    writeFileSync(join(first!.fixture, 'package-lock.json'), lock('1.0.0'));
    writeFileSync(join(second!.fixture, 'package.json'), pkg('1.0.1', { mocha: '^10' }));
    writeFileSync(join(second!.fixture, 'package-lock.json'), lock('1.0.1'));
    const cacheDir = join(scratch, 'npm-cache-key');
    await prepareTaskSetup(first!, { cacheDir });
    await prepareTaskSetup(second!, { cacheDir });
    expect(readFileSync(counter, 'utf8')).toBe('x');
    // A dependency changed is a new install.
    writeFileSync(join(second!.fixture, 'package.json'), pkg('1.0.1', { mocha: '^11' }));
    await prepareTaskSetup(second!, { cacheDir });
    expect(readFileSync(counter, 'utf8')).toBe('xx');
  });

  it('runs the set-up once into the cache and verifies the task with its result', async () => {
    const [task] = loadTaskBank(writeBank(WRITE_VENDOR));
    const cacheDir = join(scratch, 'cache');
    const verdict = await verifyTask(task!, { parentDir: scratch, setupCacheDir: cacheDir });
    expect(verdict).toMatchObject({ ok: true, fixture: { passed: 0, total: 1 }, solution: { passed: 1, total: 1 } });
    expect(readdirSync(cacheDir)).toHaveLength(1);
    const tree = await prepareTaskSetup(task!, { cacheDir });
    expect(tree && existsSync(join(tree, 'vendor', 'helper.py'))).toBe(true);
    expect(readdirSync(cacheDir)).toHaveLength(1);

    // Laid into a work folder, the dependencies stay out of git's view (not the agent's churn).
    const box = await createSandbox({ fixtureDir: task!.fixture, taskId: 'py-vendored', parentDir: scratch });
    applyTaskSetup(tree as string, task!.fixture, box.workDir);
    expect(existsSync(join(box.workDir, 'vendor', 'helper.py'))).toBe(true);
    expect((await execa('git', ['status', '--porcelain'], { cwd: box.workDir })).stdout).toBe('');

    // The agent replaces the vendored module and links another name out: restoring lays the set-up's own files again.
    const outside = mkdtempSync(join(scratch, 'outside-'));
    writeFileSync(join(box.workDir, 'vendor', 'helper.py'), 'def double(n):\n    return 99\n');
    symlinkSync(outside, join(box.workDir, 'vendor', 'escape'));
    restoreTaskSetup(tree as string, task!.fixture, box.workDir);
    expect(readFileSync(join(box.workDir, 'vendor', 'helper.py'), 'utf8')).toContain('return 2 * n');
    expect(existsSync(join(box.workDir, 'vendor', 'escape'))).toBe(false);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('refuses a set-up that leaves a link pointing outside its folder, and writes nothing through it', async () => {
    const outside = mkdtempSync(join(scratch, 'outside-'));
    const linkOut = ['python3', '-c', `import os; os.makedirs('vendor'); os.symlink(${JSON.stringify(outside)}, 'vendor/out')`];
    const [task] = loadTaskBank(writeBank(linkOut));
    const verdict = await verifyTask(task!, { parentDir: scratch, setupCacheDir: join(scratch, 'cache-3') });
    expect(verdict.ok).toBe(false);
    expect(verdict.reason).toMatch(
      /^set-up failed: expected the set-up to leave links inside its folder, got vendor\/out pointing outside/,
    );
    expect(readdirSync(outside)).toEqual([]);
  });

  it('reports a failing set-up as the reason, naming the command', async () => {
    const [task] = loadTaskBank(writeBank(['python3', '-c', 'import sys; sys.exit(3)']));
    const verdict = await verifyTask(task!, { parentDir: scratch, setupCacheDir: join(scratch, 'cache-2') });
    expect(verdict.ok).toBe(false);
    expect(verdict.reason).toMatch(
      /^set-up failed: expected the set-up command "python3 -c import sys; sys.exit\(3\)" to succeed, got exit 3 \(no network/,
    );
    // A Python set-up reaches no index, with the network or not: what is missing comes from the host.
    expect(verdict.reason).not.toContain('--setup-network');
    expect(verdict.reason).toContain("install what is missing for python3 on the host (Debian's python3-* packages)");
  });
});
