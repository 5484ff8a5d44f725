// Checks that a task can score an agent: its fail_to_pass tests fail on the fixture and pass on the solution, every rerun.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AcceptanceResult } from '../acceptance/run-acceptance-tests.js';
import { scoreByIdentity, type TestLists } from '../acceptance/score-by-identity.js';
import { type ExcludedTest, deriveTestLists } from './derive-test-lists.js';
import { type EnvironmentFailure, explainEnvironment, UNEXPLAINED } from './explain-environment.js';
import type { BankTask } from './load-task-bank.js';
import { prepareTaskSetup } from './task-setup.js';
import { readTestOrigins } from './read-test-origins.js';
import { recogniseOwnModule } from './find-own-module.js';
import type { TestOrigins } from './classify-test-origins.js';
import { fetchTaskGoModules } from './fetch-go-modules.js';
import { runReruns } from './run-reruns.js';
import type { VerifyCopy, VerifyOptions } from './run-verify-copy.js';

export type { VerifyOptions } from './run-verify-copy.js';

export interface VerifyScore {
  passed: number;
  total: number;
}

export interface TaskVerdict {
  id: string;
  /** The first run's counts on the fixture and on the solution. */
  fixture: VerifyScore;
  solution: VerifyScore;
  /** The task has fail_to_pass tests, sim-noop scores 0 and sim-oracle 1 on the lists it is scored by. */
  ok: boolean;
  /** Why not ok, in words. */
  reason?: string;
  /** The test runs' notes (no summary, killed, a failed exit with no failed test). */
  notes: string[];
  /** The lists these runs give (FAIL_TO_PASS, PASS_TO_PASS) and the tests left out of both, with why. */
  fail_to_pass: string[];
  pass_to_pass: string[];
  excluded: ExcludedTest[];
  /** Which lists the task is scored by: task.json's own, or (none stored) the ones derived here. */
  lists: 'stored' | 'derived';
  /** The quality of the fixture left as it is (sim-noop) and of the reference solution (sim-oracle), worst run; null before the runs. */
  noop: number | null;
  oracle: number | null;
  /** The tests never ran (set-up failed, no test named on the solution): the environment's failure, not the task's. */
  environment?: EnvironmentFailure;
}

const DEFAULT_RERUNS = { solution: 3, fixture: 2 };

/** A compiler's own error line: go's "file.go:28:8: ..." before "[build failed]", rustc's "error[E0308]", tsc's "error TS2322". */
const BUILD_FAILURE = /^(?:\S+\.go:\d+:\d+: .*|error\[E\d+\].*|.*error TS\d+:.*)$/m;

/** Runs the hidden tests on fresh work folders made exactly as an arm's; never throws for a bad task, only for a broken runner. */
export async function verifyTask(task: BankTask, options: VerifyOptions = {}): Promise<TaskVerdict> {
  // Without a cache of the caller's, a private one for this call: a shared, predictable /tmp path could be planted.
  const ownCache = options.setupCacheDir === undefined ? mkdtempSync(join(tmpdir(), 'agent-tracker-task-setup-')) : undefined;
  try {
    return await verifyWithCache(task, options, options.setupCacheDir ?? (ownCache as string));
  } finally {
    if (ownCache) rmSync(ownCache, { recursive: true, force: true });
  }
}

async function verifyWithCache(task: BankTask, options: VerifyOptions, cacheDir: string): Promise<TaskVerdict> {
  const none = { passed: 0, total: 0 };
  const verdict: TaskVerdict = {
    id: task.meta.id,
    fixture: none,
    solution: none,
    ok: false,
    notes: [],
    fail_to_pass: [],
    pass_to_pass: [],
    excluded: [],
    lists: task.meta.fail_to_pass ? 'stored' : 'derived',
    noop: null,
    oracle: null,
  };
  let setupTree: string | null;
  try {
    setupTree = await prepareTaskSetup(task, {
      cacheDir,
      isolation: options.isolation,
      allowNetwork: options.setupNetwork,
      npmCache: options.npmCache,
      npmFetch: options.npmFetch,
      timeoutMs: options.setupTimeoutMs,
      signal: options.signal,
      caches: options.caches,
    });
  } catch (error) {
    const message = (error as Error).message;
    return { ...verdict, reason: `set-up failed: ${message}`, environment: explainEnvironment(message.replaceAll(' | ', '\n')) };
  }
  // With --setup-network, a go.mod's modules are fetched on the host first (its tests run with no network).
  const modules = options.setupNetwork ? await fetchTaskGoModules(task, options.goModFetch) : null;
  const origins = readTestOrigins(task);
  const copy: VerifyCopy = { task, options, setupTree, oldNames: origins?.renamedFrom, goModules: modules?.dir };
  // Stored lists are checked run by run (sim-noop, sim-oracle); derived ones settle as soon as no test can be fail_to_pass.
  const { solution, fixture, own } = await runReruns(copy, options.reruns ?? DEFAULT_RERUNS, {
    settleEarly: !task.meta.fail_to_pass,
    // The fixture's own tests run only when they can decide something: an old test that no fixture run reported.
    needsOwnRun: (runs) => needsOwnRun(runs.solution, runs.fixture, origins),
  });
  verdict.notes = [...new Set([...fixture, ...solution].map((run) => run.note).filter((note): note is string => note !== undefined))];
  verdict.fixture = { passed: (fixture[0] as AcceptanceResult).passed, total: (fixture[0] as AcceptanceResult).total };
  verdict.solution = { passed: (solution[0] as AcceptanceResult).passed, total: (solution[0] as AcceptanceResult).total };
  const derived = deriveTestLists({
    fixture: fixture.map((run) => run.verdicts),
    solution: solution.map((run) => run.verdicts),
    fixtureOwn: own ? [own.verdicts] : undefined,
    originOf: origins?.originOf,
    language: origins?.language,
  });
  Object.assign(verdict, { fail_to_pass: derived.fail_to_pass, pass_to_pass: derived.pass_to_pass, excluded: derived.excluded });
  const lists: TestLists = task.meta.fail_to_pass
    ? { fail_to_pass: task.meta.fail_to_pass, pass_to_pass: task.meta.pass_to_pass ?? [] }
    : derived;
  // With no fail_to_pass test there is nothing to score either by: n/a, not 0.
  if (lists.fail_to_pass.length > 0) {
    verdict.noop = Math.max(...fixture.map((run) => scoreByIdentity(run.verdicts, lists).quality));
    verdict.oracle = Math.min(...solution.map((run) => scoreByIdentity(run.verdicts, lists).quality));
  }
  // No test named in any solution run, and not for a timeout: the tests never got to run (a missing runner or plugin).
  if (solution.every((run) => (run.verdicts?.size ?? 0) === 0 && !run.timedOut)) {
    const output = (solution[0] as AcceptanceResult).outputTail;
    const environment = recogniseOwnModule(explainEnvironment(output), [task.tests, task.solution, task.fixture]);
    // Unless a known environment cause explains it, the solution's own code failing to compile is the task's
    // failure, not the environment's (google/uuid 9e951e1: "json.go:28:8: assignment mismatch").
    const unbuilt = environment.cause.startsWith(UNEXPLAINED) ? BUILD_FAILURE.exec(output) : null;
    if (unbuilt) return { ...verdict, reason: `the solution does not build: ${unbuilt[0].trim().slice(0, 200)}` };
    verdict.environment = environment;
    verdict.reason = describeEnvironmentReason(environment);
    return verdict;
  }
  // Environment first: a test that fails on the solution in every run, or a fixture that never got to its tests, for a
  // known environment cause (a missing or too-old module, an unresolvable crate): the environment's failure, not the
  // task's. node --test reports a test file whose import failed as one failing test; pytest a collection error; cargo
  // a fixture it cannot resolve offline as every test failed (125 where 7 fail on the old code).
  const repository = [task.tests, task.solution, task.fixture];
  const failsOnSolution =
    derived.excluded.some((test) => test.reason === 'fails-on-solution') ||
    solution.every((run) => ![...(run.verdicts?.values() ?? [])].includes('pass'));
  const missing = failsOnSolution ? recogniseOwnModule(explainEnvironment((solution[0] as AcceptanceResult).outputTail), repository) : null;
  if (missing !== null && !missing.cause.startsWith(UNEXPLAINED))
    return { ...verdict, environment: missing, reason: describeEnvironmentReason(missing) };
  const unbuiltFixture = fixture.every((run) => (run.verdicts?.size ?? 0) === 0 && !run.timedOut)
    ? recogniseOwnModule(explainEnvironment((fixture[0] as AcceptanceResult).outputTail), repository)
    : null;
  // A module the fixture lacks because the change adds it is the task itself, not its environment.
  if (
    unbuiltFixture !== null &&
    !unbuiltFixture.cause.startsWith(UNEXPLAINED) &&
    unbuiltFixture.ownModule === undefined &&
    unbuiltFixture.notProvided !== true
  ) {
    const environment = { ...unbuiltFixture, cause: `on the fixture (the parent commit): ${unbuiltFixture.cause}` };
    return { ...verdict, environment, reason: describeEnvironmentReason(environment) };
  }
  const reason = judge(verdict, solution, lists);
  if (reason === null) verdict.ok = true;
  else verdict.reason = reason;
  return verdict;
}

/**
 * The rejection for tests that never ran: the environment's failure, or, for a module of the repository's own that no
 * file provides at this commit, the commit's own (a relative import of a file not yet written is no missing package).
 */
function describeEnvironmentReason(environment: EnvironmentFailure): string {
  return environment.notProvided === true
    ? `the tests do not load at this commit: ${environment.cause}`
    : `environment: ${environment.cause}`;
}

/** Some test passed on the solution, is old (unchanged or renamed) and was reported by no fixture run (it did not build there). */
function needsOwnRun(solution: AcceptanceResult[], fixture: AcceptanceResult[], origins: TestOrigins | undefined): boolean {
  if (origins === undefined) return false;
  const names = new Set(solution.flatMap((run) => [...(run.verdicts ?? new Map()).keys()]));
  return [...names].some((name) => {
    const kind = origins.originOf(name).kind;
    return (kind === 'unchanged' || kind === 'renamed') && fixture.every((run) => run.verdicts?.get(name) === undefined);
  });
}

/** null when the task is sound; else the first thing wrong with it. */
function judge(verdict: TaskVerdict, solution: AcceptanceResult[], lists: TestLists): string | null {
  if (solution.every((run) => run.verdicts === undefined || run.verdicts.size === 0))
    return verdict.solution.total === 0
      ? 'no tests found on the solution (no summary the report kind can read)'
      : 'the test output on the solution names no tests';
  if (lists.fail_to_pass.length === 0) {
    const flaky = verdict.excluded.filter((test) => test.reason === 'flaky').length;
    if (flaky > 0)
      return `flaky: no test fails on the fixture and passes on the solution in every run (${flaky} with mixed outcomes left out)`;
    const failing = verdict.excluded.filter((test) => test.reason === 'fails-on-solution').length;
    return `no test fails on the fixture and passes on the solution (${verdict.pass_to_pass.length} pass on both, ${failing} fail on the solution)`;
  }
  if ((verdict.noop ?? 0) > 0)
    return `sim-noop scores ${round(verdict.noop)} (fail_to_pass tests pass on the unchanged fixture: ${describeDrift(verdict, lists)})`;
  if ((verdict.oracle ?? 0) < 1)
    return `sim-oracle scores ${round(verdict.oracle)} (fail_to_pass tests fail on the reference solution: ${describeDrift(verdict, lists)})`;
  const broken = solution.flatMap((run) => scoreByIdentity(run.verdicts, lists).broken);
  if (broken.length > 0) return `the reference solution breaks pass_to_pass tests: ${[...new Set(broken)].slice(0, 5).join(', ')}`;
  return null;
}

/** The stored fail_to_pass tests these runs do not confirm, as a short list. */
function describeDrift(verdict: TaskVerdict, lists: TestLists): string {
  const confirmed = new Set(verdict.fail_to_pass);
  const drift = lists.fail_to_pass.filter((name) => !confirmed.has(name));
  return drift.length === 0
    ? 'the stored lists'
    : drift.slice(0, 5).join(', ') + (drift.length > 5 ? `, and ${drift.length - 5} more` : '');
}

function round(value: number | null): string {
  return value === null ? 'n/a' : String(Math.round(value * 1000) / 1000);
}
