// Verifies a staged imported task with the bank's own verifier and words the outcome as an import rejection.
import { isAppError } from '../../kernel/index.js';
import { describeTaskFolder } from '../task-bank/load-task-bank.js';
import type { TaskMeta } from '../task-bank/task-schema.js';
import { explainEnvironment, type MissingModule } from '../task-bank/explain-environment.js';
import { type TaskVerdict, type VerifyOptions, verifyTask } from '../task-bank/verify-task.js';

export interface StagedLists {
  fail_to_pass: string[];
  pass_to_pass: string[];
  excluded_tests?: TaskVerdict['excluded'];
}

/** An environment failure's cause and fix, and the output lines kept for the import's log. */
export interface StagedEnvironment {
  cause: string;
  fix: string;
  log: string[];
  /** The module the tests could not load, its importer a repository path when known (judge-left-out.ts resolves it). */
  module?: MissingModule | undefined;
  /** The missing module is the repository's own (this path): the failure never stops the import. */
  ownModule?: string | undefined;
}

export type StagedVerdict =
  | { ok: true; solutionTotal: number; lists: StagedLists }
  | { ok: false; reason: string; environment?: StagedEnvironment | undefined };

/** Runs verifyTask on the staged folder: kept only when some test fails on the fixture and passes on the solution in every run. */
export async function verifyImportedTask(dir: string, meta: TaskMeta, options: VerifyOptions = {}): Promise<StagedVerdict> {
  const task = describeTaskFolder(dir, meta);
  let verdict: TaskVerdict;
  try {
    verdict = await verifyTask(task, options);
  } catch (error) {
    if (!isAppError(error)) throw error;
    const environment = explainEnvironment(error.message);
    return {
      ok: false,
      reason: `test command failed to start: ${error.message}`,
      environment: { cause: environment.cause, fix: environment.fix, log: [error.message] },
    };
  }
  if (verdict.ok) {
    const excluded = verdict.excluded.length > 0 ? { excluded_tests: verdict.excluded } : {};
    return {
      ok: true,
      solutionTotal: verdict.solution.total,
      lists: { fail_to_pass: verdict.fail_to_pass, pass_to_pass: verdict.pass_to_pass, ...excluded },
    };
  }
  // The tests never ran: the environment's failure, with its cause, fix and output (kept in the import's log).
  if (verdict.environment) {
    const { cause, fix, tail, module, ownModule } = verdict.environment;
    return { ok: false, reason: verdict.reason ?? `environment: ${cause}`, environment: { cause, fix, log: tail, module, ownModule } };
  }
  const { solution } = verdict;
  if (solution.total === 0)
    return { ok: false, reason: `no test results on the solution (${[verdict.reason, ...verdict.notes].filter(Boolean).join('; ')})` };
  if (verdict.fail_to_pass.length === 0 && verdict.pass_to_pass.length > 0 && verdict.excluded.length === 0)
    return { ok: false, reason: `tests pass before the change (${verdict.pass_to_pass.length} of ${verdict.pass_to_pass.length})` };
  if (verdict.fail_to_pass.length === 0 && verdict.excluded.some((test) => test.reason === 'fails-on-solution')) {
    const failing = verdict.excluded.filter((test) => test.reason === 'fails-on-solution').length;
    return { ok: false, reason: `tests fail on the solution: ${failing} of ${solution.total}` };
  }
  return { ok: false, reason: verdict.reason ?? 'not verified' };
}
