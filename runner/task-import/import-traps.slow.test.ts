// tasks import on repositories built to trap a count-based scorer, verified with the real toolchains: the do-nothing
// fixture scores 0, old tests are pass_to_pass even when the new ones stop the package building, and a stub that
// compiles earns only the fail_to_pass tests it really passes.
import { allowSkip } from '../../kernel/index.js';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type AcceptanceResult, runAcceptanceTests } from '../acceptance/run-acceptance-tests.js';
import type { TestLists } from '../acceptance/score-by-identity.js';
import { buildIsolationPlan, probeBwrap } from '../isolation/resolve-isolation.js';
import { loadTaskBank, type BankTask } from '../task-bank/load-task-bank.js';
import { copyTreeWithoutSymlinks } from '../sandbox/copy-tree.js';
import { createSandbox, removeSandbox } from '../sandbox/create-sandbox.js';
import { type CacheLease, createSharedCaches, type SharedCaches } from '../task-bank/shared-caches.js';
import { importTasks } from './import-tasks.js';
import { DEFAULT_LIMITS } from './judge-change.js';
import { importFixtureRepo } from './test-fixtures/import-fixture-repo.js';
import { buildRepo, type NativeCommit } from './test-fixtures/native-repos.js';
import { explainToolMissing } from './test-fixtures/probe-tool.js';
import {
  GO_COMPARE_STUB,
  goBuildBreak,
  goGopathSubpackage,
  goInternalHelper,
  goWithoutModule,
  nodeUnpinnedDependency,
  pytestManyOldTests,
  pytestMissingPlugin,
  pytestThinMessage,
  goNestedModule,
  nodeDataRows,
  rustTopLevelTests,
  rustUnitTests,
} from './test-fixtures/trap-repos.js';
import { removeScratch } from '../test-fixtures/remove-scratch.js';

const parent = mkdtempSync(join(tmpdir(), 'import-traps-'));
chmodSync(parent, 0o755); // the sandbox's uid (65534 under a root runner) must reach the task folders
afterAll(() => removeScratch(parent));

const plan = buildIsolationPlan({ commands: [], dataDir: join(parent, 'data'), env: process.env });
const bwrapError = allowSkip(existsSync('/usr/bin/bwrap') ? probeBwrap(plan) : 'bwrap is not installed');
const isolation = bwrapError === null ? plan : undefined;

/**
 * The Go imports' build caches, one set for the file rather than one per import: each import's first go run would
 * otherwise build and vet the standard library's packages again in an empty GOCACHE (5 CPU-s and 10 s of this
 * file's time each). Test results are never taken from it (GOFLAGS=-count=1); the sandboxes write it, nothing else reads it.
 */
const goCaches = createSharedCaches(isolation?.runAs ?? null);
afterAll(() => goCaches.remove());

/** Imports the history (up to 5 tasks; `reruns` 1+1 when `quick`), with the progress lines it printed. */
const importAll = (name: string, commits: NativeCommit[], quick = false, caches?: SharedCaches) =>
  importFixtureRepo(join(parent, name), commits, isolation, quick, caches);

/** Imports the history and returns its one kept task; in the caller's `caches` when given. */
async function importOne(name: string, commits: NativeCommit[], caches?: SharedCaches): Promise<BankTask> {
  const { summary, bank } = await importAll(name, commits, false, caches);
  expect(summary.kept, JSON.stringify(summary.rejected)).toHaveLength(1);
  return loadTaskBank(bank)[0] as BankTask;
}

const pytestMissing = allowSkip(explainToolMissing(['python3', '-c', 'import pytest']));
describe.skipIf(pytestMissing !== null)('a pytest configuration that needs a plugin that is not installed', () => {
  it("rejects candidates as environment failures with pytest's own words, and stops after 3 of them", async () => {
    const { summary } = await importAll('pytest-cov', pytestMissingPlugin(), true);
    expect(summary.kept).toEqual([]);
    expect(summary.examined).toBe(3);
    expect(summary.rejected.map((entry) => entry.reason)).toEqual(
      Array(3).fill(expect.stringMatching(/^environment: pytest: unrecognized arguments --timeout=30/)),
    );
    expect(summary.rejected[0]?.environment?.log.join('\n')).toContain('error: unrecognized arguments: --timeout=30');
    expect(summary.stopped).toMatchObject({ candidates: 3, cause: expect.stringMatching(/needs a plugin that is not installed/) });
  });
});

describe('a Node package whose dependency no lockfile pins, imported offline', () => {
  it('says so once up front, then rejects candidates as environment failures naming the module, and stops after 3', async () => {
    const { summary, progress } = await importAll('node-unpinned', nodeUnpinnedDependency(), true);
    expect(progress.filter((line) => line.includes('no npm lockfile'))).toEqual([
      expect.stringMatching(
        /^note: no npm lockfile pins the 1 dependency of package.json, so it cannot be installed offline.*--setup-network/,
      ),
    ]);
    expect(summary.notes).toHaveLength(1);
    expect(summary.kept).toEqual([]);
    expect(summary.rejected.map((entry) => entry.reason)).toEqual(Array(3).fill('environment: node module is-number is not installed'));
    expect(summary.stopped).toMatchObject({ candidates: 3, fix: expect.stringContaining('--setup-network') });
  });
});

describe.skipIf(pytestMissing !== null)('a test file with 20 old passing tests and one new one (pytest)', () => {
  it('keeps only the new test as fail_to_pass: the fixture as it is scores 0, not 20/21', async () => {
    const task = await importOne('pytest-many-old', pytestManyOldTests());
    expect(task.meta.fail_to_pass).toEqual(['tests/test_calc.py::test_mul']);
    expect(task.meta.pass_to_pass).toHaveLength(20);
  });
});

const goMissing = allowSkip(explainToolMissing(['go', 'version']));
describe.skipIf(goMissing !== null)('a Go commit from before go modules (no go.mod)', () => {
  it('runs in GOPATH mode, with test names that do not depend on where the work folder is', async () => {
    const task = await importOne('go-gopath', goWithoutModule(), goCaches);
    expect(task.meta.fail_to_pass).toEqual(['.::TestCompareEqual', '.::TestCompareLess']);
    expect(task.meta.pass_to_pass).toEqual(['.::TestAdd']);
  });
});

describe.skipIf(goMissing !== null)('a Go subpackage from before go modules that imports its root by import path', () => {
  it('records the import path and runs the tests with the work folder laid out at it in GOPATH', async () => {
    const task = await importOne('go-gopath-sub', goGopathSubpackage(), goCaches);
    expect(task.meta.test?.go_import_path).toBe('github.com/x/calc');
    expect(task.meta.fail_to_pass).toEqual(['github.com/x/calc/si::TestQuad']);
    expect(task.meta.pass_to_pass).toEqual(['github.com/x/calc/si::TestTwice']);
  });
});

describe.skipIf(goMissing !== null)('a Go package that does not build on the fixture with the new tests', () => {
  it('keeps the old test pass_to_pass, and a stub that compiles earns only the new test it passes', async () => {
    const task = await importOne('go-build-break', goBuildBreak(), goCaches);
    expect(task.meta.fail_to_pass).toEqual(['example.com/calc::TestCompareEqual', 'example.com/calc::TestCompareLess']);
    expect(task.meta.pass_to_pass).toEqual(['example.com/calc::TestAdd']);
    const lists = { fail_to_pass: task.meta.fail_to_pass ?? [], pass_to_pass: task.meta.pass_to_pass ?? [] };
    const result = await runStub(task, lists, goCaches.lease());
    expect(result.identity).toMatchObject({ quality: 0.5, fail_to_pass: { passed: 1, total: 2 }, resolved: false, broken: [] });
  });
});

/** Runs the task's hidden tests on its solution with calc.go replaced by GO_COMPARE_STUB, in the leased caches. */
async function runStub(task: BankTask, lists: TestLists, lease: CacheLease): Promise<AcceptanceResult> {
  const box = await createSandbox({ fixtureDir: task.fixture, taskId: task.meta.id, parentDir: parent });
  try {
    copyTreeWithoutSymlinks(task.solution, box.workDir);
    writeFileSync(join(box.workDir, 'calc.go'), GO_COMPARE_STUB);
    return await runAcceptanceTests({
      workDir: box.workDir,
      testsDir: task.tests,
      test: task.meta.test,
      language: 'go',
      homeDir: box.homeDir,
      timeoutMs: 180_000,
      isolation,
      sandboxRoot: box.root,
      lists,
      shared: { writable: lease.writable, env: lease.env },
    });
  } finally {
    lease.release();
    removeSandbox(box.root);
  }
}

describe('changes that would make unfair tasks, rejected before anything runs', () => {
  async function importRejected(name: string, commits: NativeCommit[], allow: { allowInternal?: boolean; allowThinSpecs?: boolean } = {}) {
    const root = join(parent, name);
    await buildRepo(join(root, 'repo'), commits);
    return importTasks({
      repo: join(root, 'repo'),
      out: join(root, 'bank'),
      max: 5,
      limits: DEFAULT_LIMITS,
      ...allow,
      verify: async () => ({ ok: true, solutionTotal: 1, lists: { fail_to_pass: ['t'], pass_to_pass: [] } }),
    });
  }
  it('rejects hidden tests that call an unexported helper as internal-api, and keeps it tagged with --allow-internal', async () => {
    const summary = await importRejected('go-internal', goInternalHelper());
    expect(summary.rejected[0]?.reason).toMatch(
      /^internal-api: the hidden tests call compareInts, which the change declares but does not make public/,
    );
    const allowed = await importRejected('go-internal-allowed', goInternalHelper(), { allowInternal: true });
    expect(allowed.kept).toHaveLength(1);
    expect(loadTaskBank(join(parent, 'go-internal-allowed', 'bank'))[0]?.meta.tags).toContain('internal-api');
  });
  it('rejects a "# Fix #9" commit as thin-spec', async () => {
    const summary = await importRejected('py-thin', pytestThinMessage());
    expect(summary.rejected[0]?.reason).toMatch(/^thin-spec: the commit message says no more than "# Fix #9"/);
  });
});

const cargoMissing = allowSkip(explainToolMissing(['cargo', '--version']));
describe.skipIf(cargoMissing !== null)('a Rust crate whose unit tests live in #[cfg(test)] mod tests (real cargo)', () => {
  it('imports the changed test module as a hidden test spliced into src/lib.rs: new test fail_to_pass, old one pass_to_pass', async () => {
    const task = await importOne('rust-unit-tests', rustUnitTests());
    expect(task.meta.fail_to_pass).toEqual(['tests::subtracts']);
    expect(task.meta.pass_to_pass).toEqual(['tests::adds']);
    expect(existsSync(join(task.tests, 'src', 'lib.rs.cfg-test'))).toBe(true);
    // The fixture is the parent's file, with its own (old) test module; the solution changes the code.
    expect(existsSync(join(task.fixture, 'src', 'lib.rs'))).toBe(true);
  });
  it('imports top-level #[test] functions and #[cfg(test)] items the same way, with no test module', async () => {
    const task = await importOne('rust-top-level-tests', rustTopLevelTests());
    expect(task.meta.fail_to_pass).toEqual(['subtracts']);
    expect(task.meta.pass_to_pass).toEqual(['adds']);
    expect(readFileSync(join(task.tests, 'src', 'lib.rs.cfg-test'), 'utf8')).toContain('(2, 2, 4)');
  });
});

describe.skipIf(goMissing !== null)('a Go repository with modules nested below the root (real go)', () => {
  it("runs a nested module's tests in its own module through a go.work; sets aside one whose requirements cannot be fetched", async () => {
    const { summary, bank } = await importAll('go-nested', goNestedModule(), false, goCaches);
    expect(summary.rejected.map((entry) => entry.reason)).toEqual([
      'tests only in nested Go modules set aside: tools/go.mod requires modules the sandbox cannot fetch without --setup-network',
      'root commit (no parent to start from)',
    ]);
    const tasks = loadTaskBank(bank);
    const grow = tasks.find((task) => task.meta.id.includes('grow')) as BankTask;
    const both = tasks.find((task) => task.meta.id.includes('sub')) as BankTask;
    expect(grow.meta.fail_to_pass).toEqual(['example.com/calc/bench::TestSize']);
    expect(both.meta.fail_to_pass).toEqual(['example.com/calc::TestSub']);
    expect(both.meta.pass_to_pass).toEqual(['example.com/calc/bench::TestSize']);
    // The workspace names the highest go of the modules it uses (not tools/, set aside at go 1.21), the nested module by its folder.
    expect(readFileSync(join(both.tests, 'go.work'), 'utf8')).toBe('go 1.19\n\nuse (\n\t.\n\t./bench\n)\n');
    expect(existsSync(join(both.fixture, 'go.work'))).toBe(false);
  });
});

describe('a Node package whose fix adds a row to a data module its spec file loops over', () => {
  it('runs the spec files that import the changed data: the new row is fail_to_pass', async () => {
    const task = await importOne('node-data-rows', nodeDataRows());
    expect(task.meta.test?.command).toEqual(expect.arrayContaining(['test/squeeze.test.js']));
    expect(task.meta.fail_to_pass).toEqual([expect.stringMatching(/squeeze "a\\+t\\+tb"/)]); // TAP escapes the backslash
    expect(task.meta.pass_to_pass).toEqual([expect.stringContaining('squeeze "a b"')]);
  });
});
