// tasks import on real Go, cargo and pytest repositories, verified with the real toolchains (inside bubblewrap where
// the toolchain is reachable there): only the verifiable commit is kept, and it fails on its fixture and passes on its solution.
import { allowSkip } from '../../kernel/index.js';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveNativeTool } from '../acceptance/resolve-native-tool.js';
import { buildIsolationPlan, type IsolationPlan, probeBwrap } from '../isolation/resolve-isolation.js';
import { findUnreachable } from '../isolation/wrap-command.js';
import { isInside } from '../isolation/build-bwrap-args.js';
import { loadTaskBank } from '../task-bank/load-task-bank.js';
import { verifyTask } from '../task-bank/verify-task.js';
import { createSharedCaches, type SharedCaches } from '../task-bank/shared-caches.js';
import { explainToolMissing } from './test-fixtures/probe-tool.js';
import { importFixtureRepo } from './test-fixtures/import-fixture-repo.js';
import { cargoHistory, EXPECTED, goHistory, type NativeCommit, pytestHistory } from './test-fixtures/native-repos.js';
import { removeScratch } from '../test-fixtures/remove-scratch.js';

const parent = mkdtempSync(join(tmpdir(), 'import-native-'));
chmodSync(parent, 0o755); // the sandbox's uid (65534 under a root runner) must reach the task folders
afterAll(() => removeScratch(parent));

const bwrapPlan = buildIsolationPlan({ commands: [], dataDir: join(parent, 'data'), env: process.env });
const bwrapError = allowSkip(existsSync('/usr/bin/bwrap') ? probeBwrap(bwrapPlan) : 'bwrap is not installed');

/** The first `program` on PATH, skipping folders the plan hides (as the sandbox sees PATH); undefined when none. */
function findOnPath(program: string, plan: IsolationPlan | undefined): string | undefined {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir !== '' && !(plan?.hide ?? []).some((hidden) => isInside(hidden, dir)))
    .map((dir) => join(dir, program))
    .find((file) => existsSync(file));
}

/** Imports `commits` and checks each subject's outcome (EXPECTED), the kept task's totals and a fresh verification. */
async function importAndCheck(name: string, commits: NativeCommit[], isolation: IsolationPlan | undefined, tests: number): Promise<void> {
  const root = join(parent, name);
  // The fresh verification shares the import's build caches: its go runs build the same packages, warm.
  const caches = createSharedCaches(isolation?.runAs ?? null);
  try {
    await importAndVerify(root, commits, isolation, tests, caches);
  } finally {
    caches.remove();
  }
}

async function importAndVerify(
  root: string,
  commits: NativeCommit[],
  isolation: IsolationPlan | undefined,
  tests: number,
  caches: SharedCaches,
): Promise<void> {
  const { summary } = await importFixtureRepo(root, commits, isolation, false, caches);
  const outcomes = Object.fromEntries(summary.rejected.map((entry) => [entry.subject, entry.reason.replace(/ \(.*$/, '')]));
  const log = execFileSync('git', ['log', '--format=%H %s'], { cwd: join(root, 'repo'), encoding: 'utf8' });
  const subjects = new Map(
    log
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, 40), line.slice(41)]),
  );
  for (const task of summary.kept) outcomes[subjects.get(task.commit) ?? task.commit] = 'kept';
  expect(outcomes).toEqual(EXPECTED);
  const [task, ...others] = loadTaskBank(join(root, 'bank'));
  expect(others).toEqual([]);
  expect(task?.meta.test?.expected_total).toBe(tests);
  expect(task?.meta.fail_to_pass?.length, 'the kept task names its fail_to_pass tests').toBeGreaterThan(0);
  const verdict = await verifyTask(task as NonNullable<typeof task>, {
    isolation,
    parentDir: join(root, 'boxes'),
    timeoutMs: 180_000,
    caches,
  });
  expect(verdict).toMatchObject({ ok: true, fixture: { passed: 0, total: tests }, solution: { passed: tests, total: tests } });
}

const sandbox = bwrapError === null ? bwrapPlan : undefined;
const where = bwrapError === null ? 'inside bubblewrap' : `on the host (bubblewrap: ${bwrapError})`;

const goMissing = allowSkip(findOnPath('go', sandbox) === undefined ? 'go is not on PATH (apt-get install golang-go)' : null);
describe.skipIf(goMissing !== null)(`tasks import, go test -json ${goMissing ? `(skipped: ${goMissing})` : where}`, () => {
  it('keeps the change that adds Sub with its tests, and counts top-level tests (2), not subtests', async () => {
    await importAndCheck('go', goHistory(), sandbox, 2);
  });
});

const python = findOnPath('python3', sandbox);
const pytestMissing =
  python === undefined
    ? 'python3 is not on PATH'
    : explainToolMissing([python, '-c', 'import pytest']) && `${python} has no pytest (apt-get install python3-pytest)`;
allowSkip(pytestMissing);
describe.skipIf(pytestMissing !== null)(`tasks import, pytest ${pytestMissing ? `(skipped: ${pytestMissing})` : where}`, () => {
  it('keeps the change that adds sub with its tests', async () => {
    await importAndCheck('pytest', pytestHistory(), sandbox, 2);
  });
});

/** cargo's toolchain as the sandbox sees it: unreachable under a 0700 /root when the runner is root. */
function describeCargo(): { missing: string | null; blocked: string | null } {
  if (findOnPath('cargo', undefined) === undefined) return { missing: 'cargo is not on PATH', blocked: null };
  const tool = resolveNativeTool('cargo', process.env.PATH);
  const dirs = tool?.expose ?? [];
  const runAs = sandbox?.runAs;
  const blocked = runAs ? dirs.map((dir) => findUnreachable(dir, runAs.uid)).find((found) => found !== null) : null;
  return { missing: null, blocked: blocked ?? null };
}
const cargo = describeCargo();
allowSkip(cargo.missing);
const cargoWhere = cargo.blocked ? `on the host (the toolchain is behind ${cargo.blocked} for the sandbox's uid)` : where;
describe.skipIf(cargo.missing !== null)(
  `tasks import, cargo libtest json ${cargo.missing ? `(skipped: ${cargo.missing})` : cargoWhere}`,
  () => {
    it('keeps the change that adds sub with its tests', async () => {
      await importAndCheck('cargo', cargoHistory(), cargo.blocked ? undefined : sandbox, 2);
    });

    it.skipIf(!cargo.blocked || sandbox === undefined)(
      'keeps it inside the sandbox although the toolchain is under a folder closed to the sandbox user (bound through)',
      async () => {
        await importAndCheck('cargo-closed-root', cargoHistory(), sandbox, 2);
      },
    );
  },
);
