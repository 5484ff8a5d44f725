// Verifies a staged imported task with the bank's own verifier and words the outcome as an import rejection.
import { join } from 'node:path';
import { isAppError } from '../../kernel/index.js';
import type { BankTask } from '../task-bank/load-task-bank.js';
import type { TaskMeta } from '../task-bank/task-schema.js';
import { type VerifyOptions, verifyTask } from '../task-bank/verify-task.js';

export type StagedVerdict = { ok: true; solutionTotal: number } | { ok: false; reason: string };

/** Runs verifyTask on the staged folder: kept only when the hidden tests fail on the fixture and all pass on the solution. */
export async function verifyImportedTask(dir: string, meta: TaskMeta, options: VerifyOptions = {}): Promise<StagedVerdict> {
  const task: BankTask = {
    meta,
    dir,
    spec: join(dir, 'spec.md'),
    fixture: join(dir, 'fixture'),
    tests: join(dir, 'tests'),
    solution: join(dir, 'solution'),
  };
  let verdict: Awaited<ReturnType<typeof verifyTask>>;
  try {
    verdict = await verifyTask(task, options);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { ok: false, reason: `test command failed to start: ${error.message}` };
  }
  if (verdict.ok) return { ok: true, solutionTotal: verdict.solution.total };
  if (verdict.reason?.startsWith('set-up failed')) return { ok: false, reason: verdict.reason };
  const { fixture, solution } = verdict;
  if (solution.total === 0)
    return { ok: false, reason: `no test results on the solution (${[verdict.reason, ...verdict.notes].filter(Boolean).join('; ')})` };
  if (fixture.total > 0 && fixture.passed === fixture.total)
    return { ok: false, reason: `tests pass before the change (${fixture.passed} of ${fixture.total})` };
  if (solution.passed < solution.total)
    return { ok: false, reason: `tests fail on the solution: ${solution.total - solution.passed} of ${solution.total}` };
  return { ok: false, reason: verdict.reason ?? 'not verified' };
}
