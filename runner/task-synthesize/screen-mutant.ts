// One run of a staged candidate's hidden tests, on the original code or on the mutation, as an arm's work folder would be.
import type { AcceptanceResult } from '../acceptance/run-acceptance-tests.js';
import type { Verdict } from '../acceptance/reports/tally-verdicts.js';
import { type EnvironmentFailure, explainEnvironment } from '../task-bank/explain-environment.js';
import type { BankTask } from '../task-bank/load-task-bank.js';
import { runVerifyCopy, type VerifyOptions } from '../task-bank/run-verify-copy.js';
import { prepareTaskSetup } from '../task-bank/task-setup.js';

export type ScreenRun =
  | { ok: true; run: AcceptanceResult; verdicts: ReadonlyMap<string, Verdict> }
  | { ok: false; environment: EnvironmentFailure };

/**
 * `solution`: the original code (the group's baseline, run once); `fixture`: the mutation. The set-up comes from the
 * same cache verification uses, so it is installed once per lockfile for the whole synthesis. A run that names no test
 * (the set-up failed, the code does not build or load) is an environment failure with its cause in words.
 */
export async function screenMutant(
  task: BankTask,
  kind: 'fixture' | 'solution',
  options: VerifyOptions & { setupCacheDir: string },
): Promise<ScreenRun> {
  let setupTree: string | null;
  try {
    setupTree = await prepareTaskSetup(task, {
      cacheDir: options.setupCacheDir,
      isolation: options.isolation,
      allowNetwork: options.setupNetwork,
      npmCache: options.npmCache,
    });
  } catch (error) {
    return { ok: false, environment: explainEnvironment((error as Error).message.replaceAll(' | ', '\n')) };
  }
  const run = await runVerifyCopy({ task: addFailureReporter(task), options, setupTree }, kind);
  if (run.verdicts === undefined || run.verdicts.size === 0) return { ok: false, environment: explainEnvironment(run.outputTail) };
  // On the original code at least one test must pass, or nothing tells a break from a broken environment.
  if (kind === 'solution' && ![...run.verdicts.values()].includes('pass')) {
    const environment = explainEnvironment(run.outputTail);
    return { ok: false, environment: { ...environment, cause: `no test passes on the original code (${environment.cause})` } };
  }
  return { ok: true, run, verdicts: run.verdicts };
}

/**
 * vitest's json report is one line, and for a large suite longer than the output a run keeps (107 KB for
 * path-to-regexp's 376 tests, against 64 KiB kept): the failures in its first part are lost. Its default reporter,
 * added beside it, prints each failure's name and message last ("× name", "→ message"), where the kept part has them.
 * The verdicts still come from the json report.
 */
function addFailureReporter(task: BankTask): BankTask {
  const test = task.meta.test;
  if (test?.report !== 'vitest' || !test.command || test.command.some((arg) => /^--reporter[= ]?default$/.test(arg))) return task;
  return { ...task, meta: { ...task.meta, test: { ...test, command: [...test.command, '--reporter=default'] } } };
}

/** The tests that pass on the original and fail on the mutation: none means the mutation survived the tests. */
export function findBrokenTests(baseline: ReadonlyMap<string, Verdict>, mutant: ReadonlyMap<string, Verdict>): string[] {
  // A test the mutation stops from existing (its file no longer loads) is broken as well.
  return [...baseline]
    .filter(([name, verdict]) => verdict === 'pass' && (mutant.get(name) ?? 'fail') === 'fail')
    .map(([name]) => name)
    .sort();
}
