// Checks that a task can score an agent: its hidden tests fail on the fixture and all pass on the reference solution.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAcceptanceTests, type AcceptanceResult } from '../acceptance/run-acceptance-tests.js';
import type { IsolationPlan } from '../isolation/resolve-isolation.js';
import { copyTreeWithoutSymlinks } from '../sandbox/copy-tree.js';
import { createSandbox, removeSandbox } from '../sandbox/create-sandbox.js';
import type { BankTask } from './load-task-bank.js';
import type { NpmCacheSource } from './npm-offline-cache.js';
import { applyTaskSetup, prepareTaskSetup } from './task-setup.js';

export interface VerifyOptions {
  /** The arms' isolation (the tests run the task's code the same way); absent: on the host. */
  isolation?: IsolationPlan | undefined;
  /** Where the two throwaway work folders go (default: the system temp folder). */
  parentDir?: string | undefined;
  /** The limit of each test run (default 120 s, as an arm's). */
  timeoutMs?: number | undefined;
  /** Where `test.setup` results are cached (default: a folder under the system temp folder). */
  setupCacheDir?: string | undefined;
  /** Lets the set-up command reach the network (default: no network). */
  setupNetwork?: boolean | undefined;
  /** The npm cache an offline npm set-up copies its packages from (undefined: the host's, null: none). */
  npmCache?: NpmCacheSource | null | undefined;
}

export interface VerifyScore {
  passed: number;
  total: number;
}

export interface TaskVerdict {
  id: string;
  fixture: VerifyScore;
  solution: VerifyScore;
  /** The hidden tests fail (some of them) on the fixture and all pass on the solution. */
  ok: boolean;
  /** Why not ok, in words: "fails on fixture" is what a task must do, so it is never a reason. */
  reason?: string;
  /** The test runs' notes (no summary, killed, a failed exit with no failed test). */
  notes: string[];
}

const DEFAULT_TIMEOUT_MS = 120_000;

/** Runs the hidden tests twice, on fresh work folders made exactly as an arm's; never throws for a bad task, only for a broken runner. */
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
  let setupTree: string | null;
  try {
    setupTree = await prepareTaskSetup(task, {
      cacheDir,
      isolation: options.isolation,
      allowNetwork: options.setupNetwork,
      npmCache: options.npmCache,
    });
  } catch (error) {
    const none = { passed: 0, total: 0 };
    return { id: task.meta.id, fixture: none, solution: none, ok: false, reason: `set-up failed: ${(error as Error).message}`, notes: [] };
  }
  const fixture = await runOnFreshCopy(task, false, options, setupTree);
  const solution = await runOnFreshCopy(task, true, options, setupTree);
  const notes = [fixture.note, solution.note].filter((note): note is string => note !== undefined);
  const verdict: TaskVerdict = {
    id: task.meta.id,
    fixture: { passed: fixture.passed, total: fixture.total },
    solution: { passed: solution.passed, total: solution.total },
    ok: false,
    notes,
  };
  const reason = judge(fixture, solution);
  if (reason === null) verdict.ok = true;
  else verdict.reason = reason;
  return verdict;
}

/** null when the task is sound; else the first thing wrong with it. */
function judge(fixture: AcceptanceResult, solution: AcceptanceResult): string | null {
  if (solution.total === 0) return 'no tests found on the solution (no summary the report kind can read)';
  if (fixture.total > 0 && fixture.passed === fixture.total)
    return `the hidden tests already pass on the fixture (${fixture.passed}/${fixture.total})`;
  if (solution.passed < solution.total) return `the hidden tests do not all pass on the solution (${solution.passed}/${solution.total})`;
  return null;
}

async function runOnFreshCopy(
  task: BankTask,
  withSolution: boolean,
  options: VerifyOptions,
  setupTree: string | null,
): Promise<AcceptanceResult> {
  const box = await createSandbox({ fixtureDir: task.fixture, taskId: task.meta.id, parentDir: options.parentDir });
  try {
    if (setupTree) applyTaskSetup(setupTree, task.fixture, box.workDir);
    if (withSolution) copyTreeWithoutSymlinks(task.solution, box.workDir);
    return await runAcceptanceTests({
      workDir: box.workDir,
      testsDir: task.tests,
      test: task.meta.test,
      language: task.meta.language,
      homeDir: box.homeDir,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      isolation: options.isolation,
      sandboxRoot: box.root,
    });
  } finally {
    removeSandbox(box.root);
  }
}
