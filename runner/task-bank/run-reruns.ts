// Runs a task's verification runs in the order that settles it soonest, stopping once no later run can change the verdict.
import type { AcceptanceResult } from '../acceptance/run-acceptance-tests.js';
import { deriveTestLists } from './derive-test-lists.js';
import { runVerifyCopy, type VerifyCopy } from './run-verify-copy.js';

export interface VerifyRuns {
  solution: AcceptanceResult[];
  fixture: AcceptanceResult[];
  /** The fixture's own tests (overlay tasks), when it was run. */
  own: AcceptanceResult | null;
}

/**
 * Solution and fixture runs alternate (solution first), then the fixture's own tests if they can decide something. With `settleEarly` (the lists are
 * derived here, not stored), the runs stop as soon as no test is left that fails on every fixture run and passes on
 * every solution run: another run can only take tests out of fail_to_pass, never add one, so the task is rejected
 * whatever the rest would show. An import rejects most candidates; each of them took 6 runs before, now 2.
 */
export async function runReruns(
  copy: VerifyCopy,
  reruns: { solution: number; fixture: number },
  when: {
    /** The lists are derived here, not stored: stop once no test is left that can be fail_to_pass. */
    settleEarly: boolean;
    /** Whether the fixture's own tests can decide something after these runs (ADR 0022). */
    needsOwnRun: (runs: { solution: AcceptanceResult[]; fixture: AcceptanceResult[] }) => boolean;
  },
): Promise<VerifyRuns> {
  const solution: AcceptanceResult[] = [];
  const fixture: AcceptanceResult[] = [];
  const settled = (): boolean =>
    when.settleEarly &&
    deriveTestLists({ solution: solution.map((run) => run.verdicts), fixture: fixture.map((run) => run.verdicts) }).fail_to_pass.length ===
      0;
  const aborted = (): boolean => copy.options.signal?.aborted === true;
  const rounds = Math.max(1, reruns.solution, reruns.fixture);
  for (let round = 0; round < rounds && !aborted(); round += 1) {
    if (round < Math.max(1, reruns.solution)) solution.push(await runVerifyCopy(copy, 'solution'));
    if (round < Math.max(1, reruns.fixture) && !aborted()) fixture.push(await runVerifyCopy(copy, 'fixture'));
    if (settled()) return { solution, fixture, own: null };
  }
  const own = !aborted() && when.needsOwnRun({ solution, fixture }) ? await runVerifyCopy(copy, 'fixture-own') : null;
  return { solution, fixture, own };
}
