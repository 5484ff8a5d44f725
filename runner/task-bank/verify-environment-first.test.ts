// verifyTask puts the environment first: a too-old installed package or a fixture that cannot resolve its modules is the environment's failure.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeScratch } from '../test-fixtures/remove-scratch.js';
import { explainEnvironment } from './explain-environment.js';
import { loadTaskBank } from './load-task-bank.js';
import { verifyTask } from './verify-task.js';

const scratch = mkdtempSync(join(tmpdir(), 'verify-environment-first-'));
afterAll(() => removeScratch(scratch));
const bank = join(scratch, 'bank');

/** Writes bank/<id>/ with its task.json and the files of each part. */
function writeTask(id: string, meta: Record<string, unknown>, parts: Record<'fixture' | 'tests' | 'solution', Record<string, string>>) {
  const dir = join(bank, id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'spec.md'), `# ${id}\n`);
  const base = { id, title: id, estimated_lines: 10, timeout_s: 120, status: 'ready' };
  writeFileSync(join(dir, 'task.json'), JSON.stringify({ ...base, ...meta }));
  for (const [part, files] of Object.entries(parts))
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, part, path)), { recursive: true });
      writeFileSync(join(dir, part, path), text);
    }
}

// An installed dependency older than the commit needs: `dep` sits in a site-packages folder and lacks `newthing`.
const OLD_DEP = { 'vendor/site-packages/dep/__init__.py': 'def oldthing():\n    return 1\n' };
const USES_NEW_DEP =
  'import sys, os, unittest\nsys.path.insert(0, os.path.join(os.getcwd(), "vendor", "site-packages"))\nfrom dep import newthing\n\nclass D(unittest.TestCase):\n    def test_new(self):\n        self.assertEqual(newthing(), 2)\n';
writeTask(
  'py-old-dependency',
  { language: 'python', test: { report: 'unittest' } },
  {
    fixture: { 'calc.py': 'def double(x):\n    return x\n', ...OLD_DEP },
    tests: {
      'test_calc.py':
        'import unittest\nfrom calc import double\n\nclass C(unittest.TestCase):\n    def test_double(self):\n        self.assertEqual(double(2), 4)\n',
      'test_dep.py': USES_NEW_DEP,
    },
    solution: { 'calc.py': 'def double(x):\n    return 2 * x\n' },
  },
);

// The fixture's go.mod requires a module no cache holds (the change drops it): every test "failed" there before.
const GO_TEST = 'package calc\n\nimport "testing"\n\nfunc TestTwo(t *testing.T) {\n\tif Two() != 2 {\n\t\tt.Fatal("2")\n\t}\n}\n';
writeTask(
  'go-unresolved-fixture',
  { language: 'go', test: { command: ['go', 'test', '-json', '.'], report: 'go', layout: 'overlay' } },
  {
    fixture: {
      'go.mod': 'module example.com/calc\n\ngo 1.19\n\nrequire example.invalid/gone v1.0.0\n',
      'calc.go': 'package calc\n\nimport "example.invalid/gone"\n\nfunc Two() int { return gone.Two() }\n',
    },
    tests: { 'calc_test.go': GO_TEST },
    solution: { 'go.mod': 'module example.com/calc\n\ngo 1.19\n', 'calc.go': 'package calc\n\nfunc Two() int { return 2 }\n' },
  },
);

describe('verifyTask: environment first', () => {
  const byId = (id: string) => loadTaskBank(bank).find((task) => task.meta.id === id)!;

  // Before: kept, its fail_to_pass narrowed to test_double, test_dep left out as failing on the solution.
  it('rejects for its environment a task one of whose tests fails on the solution importing from a too-old installed package', async () => {
    const verdict = await verifyTask(byId('py-old-dependency'), { parentDir: scratch, reruns: { solution: 1, fixture: 1 } });
    expect(verdict.ok).toBe(false);
    expect(verdict.reason).toMatch(
      /^environment: python package dep is installed without newthing \(.*site-packages.*\): too old or too new/,
    );
    expect(verdict.environment?.fix).toMatch(/^install the version the repository asks for/);
  });

  // Before: kept with TestTwo fail_to_pass, the fixture's unresolved module read as a failing test.
  it.skipIf(!existsSync('/usr/bin/go'))('rejects for its environment a fixture that cannot resolve its modules offline', async () => {
    const verdict = await verifyTask(byId('go-unresolved-fixture'), { parentDir: scratch, reruns: { solution: 1, fixture: 1 } });
    expect(verdict.ok).toBe(false);
    expect(verdict.reason).toMatch(/^environment: on the fixture \(the parent commit\): go module for example\.invalid\/gone/);
  });
});

describe('explainEnvironment: version and resolution errors', () => {
  it.each([
    [
      "pkg_resources.VersionConflict: (attrs 21.2.0 (/usr/lib/python3/dist-packages), Requirement.parse('attrs>=22.2'))",
      'python package attrs 21.2.0 is installed, the repository requires attrs>=22.2',
    ],
    [
      "pkg_resources.DistributionNotFound: The 'tomli>=1.1' distribution was not found and is required by the application",
      'python requirement tomli>=1.1 is not installed',
    ],
    [
      "ERROR: 'minversion' requires pytest-8.0, actual pytest-7.2.1'",
      'pytest 7.2.1 is installed, the repository requires pytest 8.0 or newer',
    ],
    [
      'error: failed to select a version for the requirement `serde = "^1.0.200"`\ncandidate versions found which didn\'t match: 1.0.150',
      'cargo could not resolve serde = "^1.0.200" offline: no version in the registry cache meets it',
    ],
    [
      'Error [ERR_PACKAGE_PATH_NOT_EXPORTED]: Package subpath \'./sync\' is not defined by "exports" in /w/node_modules/csv-parse/package.json',
      'node package csv-parse is installed without its export ./sync: another version than the one this commit needs',
    ],
  ])('names %s', (output, cause) => {
    expect(explainEnvironment(output).cause).toBe(cause);
  });
});
