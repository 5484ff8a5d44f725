// tasks import on repositories built to trap the faults imports once had, verified with the real toolchains: an extended test is
// fail_to_pass, a renamed one is the old test, a helper linked into tests/ and an RFC example URL stay in the fixture,
// and a feature-gated Rust test runs.
import { allowSkip } from '../../kernel/index.js';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAcceptanceTests } from '../acceptance/run-acceptance-tests.js';
import { buildIsolationPlan, probeBwrap } from '../isolation/resolve-isolation.js';
import { copyTreeWithoutSymlinks } from '../sandbox/copy-tree.js';
import { createSandbox, removeSandbox } from '../sandbox/create-sandbox.js';
import { type BankTask, loadTaskBank } from '../task-bank/load-task-bank.js';
import { importFixtureRepo } from './test-fixtures/import-fixture-repo.js';
import {
  goExtendedTest,
  pythonLinkedHelper,
  pythonOwnTestNames,
  RS_SEPARATED_WRONG,
  rustFeatureGated,
  rustRenamedTest,
  unittestAppTests,
} from './test-fixtures/list-trap-repos.js';
import type { NativeCommit } from './test-fixtures/native-repos.js';
import { explainToolMissing } from './test-fixtures/probe-tool.js';

const parent = mkdtempSync(join(tmpdir(), 'import-list-traps-'));
chmodSync(parent, 0o755); // the sandbox's uid (65534 under a root runner) must reach the task folders
afterAll(() => rmSync(parent, { recursive: true, force: true }));

const plan = buildIsolationPlan({ commands: [], dataDir: join(parent, 'data'), env: process.env });
const bwrapError = allowSkip(existsSync('/usr/bin/bwrap') ? probeBwrap(plan) : 'bwrap is not installed');
const isolation = bwrapError === null ? plan : undefined;

/** Imports the history (1 solution and 1 fixture run) and returns its one kept task. */
async function importOne(name: string, commits: NativeCommit[]): Promise<BankTask> {
  const { summary, bank } = await importFixtureRepo(join(parent, name), commits, isolation, true);
  expect(summary.kept, JSON.stringify(summary.rejected)).toHaveLength(1);
  return loadTaskBank(bank)[0] as BankTask;
}

const goMissing = allowSkip(explainToolMissing(['go', 'version']));
describe.skipIf(goMissing !== null)('a Go bug fix that extends the existing test with the case it fixes', () => {
  it('is kept with the extended test as fail_to_pass (it was "tests pass before the change")', async () => {
    const task = await importOne('go-extended', goExtendedTest());
    expect(task.meta.fail_to_pass).toEqual(['example.com/calc::TestClamp']);
    expect(task.meta.pass_to_pass).toEqual([]);
  });
});

const cargoMissing = allowSkip(explainToolMissing(['cargo', '--version']));
describe.skipIf(cargoMissing !== null)('a Rust change that renames a test beside a new one that stops the build on the fixture', () => {
  it('keeps the renamed test pass_to_pass, and a wrong but plausible solution scores 0 under resolved', async () => {
    const task = await importOne('rust-renamed', rustRenamedTest());
    expect(task.meta.fail_to_pass).toEqual(['parses_separated']);
    expect(task.meta.pass_to_pass).toEqual(['parses_plain_number']);
    const box = await createSandbox({ fixtureDir: task.fixture, taskId: task.meta.id, parentDir: parent });
    try {
      copyTreeWithoutSymlinks(task.solution, box.workDir);
      writeFileSync(join(box.workDir, 'src', 'lib.rs'), RS_SEPARATED_WRONG);
      const lists = { fail_to_pass: task.meta.fail_to_pass ?? [], pass_to_pass: task.meta.pass_to_pass ?? [] };
      const run = (measure: 'resolved' | 'fail-to-pass-share') =>
        runAcceptanceTests({
          workDir: box.workDir,
          testsDir: task.tests,
          test: task.meta.test,
          language: 'rust',
          homeDir: box.homeDir,
          timeoutMs: 180_000,
          isolation,
          sandboxRoot: box.root,
          lists,
          measure,
        });
      const resolved = await run('resolved');
      expect(resolved.identity).toMatchObject({ quality: 0, resolved: false, pass_to_pass: { passed: 1, total: 1 } });
      // Had the renamed test counted as new work, the share would have given this wrong solution 0.5.
      expect((await run('fail-to-pass-share')).quality).toBe(0);
    } finally {
      removeSandbox(box.root);
    }
  });

  it('runs a test behind a cargo feature the crate declares (no feature was enabled before)', async () => {
    const task = await importOne('rust-feature', rustFeatureGated());
    expect(task.meta.test?.command).toContain('--all-features');
    expect(task.meta.fail_to_pass).toEqual(['triples']);
  });
});

const pytestMissing = allowSkip(explainToolMissing(['python3', '-c', 'import pytest']));
describe.skipIf(pytestMissing !== null)("python-semver's shape: .pytest.ini, a helper linked into tests/, an RFC example URL", () => {
  it('keeps the helper and the module in the fixture and imports the change', async () => {
    const { summary, bank } = await importFixtureRepo(join(parent, 'py-linked'), pythonLinkedHelper(), isolation, true);
    expect(summary.kept, JSON.stringify(summary.rejected)).toHaveLength(1);
    expect(summary.kept[0]?.leftOut).toEqual([]);
    const task = loadTaskBank(bank)[0] as BankTask;
    expect(task.meta.fail_to_pass).toEqual(['tests/test_calc.py::test_mul']);
    expect(task.meta.test?.command).toEqual(expect.arrayContaining(['-c', '.pytest.ini', '-o', 'addopts=']));
  });
});

describe.skipIf(pytestMissing !== null)("Python tests found by the repository's runner's own rule", () => {
  it("takes pytest's python_files (check_calc.py) as the task's tests", async () => {
    const task = await importOne('py-own-names', pythonOwnTestNames());
    expect(task.meta.fail_to_pass).toEqual(['check_calc.py::test_high']);
    expect(task.meta.pass_to_pass).toEqual(['check_calc.py::test_low']);
  });
  it("takes Django's app/tests.py where no pytest is configured", async () => {
    const task = await importOne('py-app-tests', unittestAppTests());
    expect(task.meta.test?.command?.slice(0, 3)).toEqual(['python3', '-m', 'unittest']);
    expect(task.meta.fail_to_pass).toHaveLength(1);
    expect(task.meta.fail_to_pass?.[0]).toMatch(/test_high/);
  });
});
