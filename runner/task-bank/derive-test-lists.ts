// Derives a task's fail_to_pass and pass_to_pass tests from per-test verdicts of repeated runs, as SWE-bench does; pure.
import type { Verdict } from '../acceptance/reports/tally-verdicts.js';

/** Why a test the solution's runs named is left out of both lists. */
export type ExclusionReason = 'fails-on-solution' | 'skipped-on-solution' | 'flaky';

export interface ExcludedTest {
  name: string;
  reason: ExclusionReason;
}

export interface TestLists {
  /** Fail (or do not exist, or do not build) on the fixture in every run and pass on the solution in every run. */
  fail_to_pass: string[];
  /** Pass on the fixture and on the solution in every run. */
  pass_to_pass: string[];
  excluded: ExcludedTest[];
}

/** One test run's verdicts by name; undefined when its output named no tests (every test then "did not pass"). */
type RunVerdicts = ReadonlyMap<string, Verdict> | undefined;

export interface ListRuns {
  /** The hidden tests on the fixture, once per rerun. */
  fixture: readonly RunVerdicts[];
  /** The hidden tests on the reference solution, once per rerun. */
  solution: readonly RunVerdicts[];
  /**
   * The fixture's own test files (before the change), when the task overlays the repository's files: a test that
   * passes there did not need the change, even when the new tests stop its package building (Go) or collecting.
   */
  fixtureOwn?: readonly RunVerdicts[] | undefined;
}

/**
 * Every test a solution run named: kept when it passed in every solution run, then fail_to_pass when it passed in
 * no fixture run (including runs where it did not exist or build) and in no run of the fixture's own tests,
 * pass_to_pass when it passed in every fixture run or in the fixture's own; anything else is flaky. Sorted by name.
 */
export function deriveTestLists(runs: ListRuns): TestLists {
  const names = new Set(runs.solution.flatMap((run) => [...(run?.keys() ?? [])]));
  const lists: TestLists = { fail_to_pass: [], pass_to_pass: [], excluded: [] };
  for (const name of [...names].sort()) {
    const onSolution = runs.solution.map((run) => run?.get(name));
    const passedOnSolution = onSolution.filter((verdict) => verdict === 'pass').length;
    if (passedOnSolution < onSolution.length) {
      const reason =
        passedOnSolution > 0 ? 'flaky' : onSolution.every((verdict) => verdict === 'skip') ? 'skipped-on-solution' : 'fails-on-solution';
      lists.excluded.push({ name, reason });
      continue;
    }
    const passedOnFixture = runs.fixture.filter((run) => run?.get(name) === 'pass').length;
    const passedOnOwn = (runs.fixtureOwn ?? []).filter((run) => run?.get(name) === 'pass').length;
    const ownRuns = runs.fixtureOwn?.length ?? 0;
    if (passedOnOwn > 0 && passedOnOwn < ownRuns) lists.excluded.push({ name, reason: 'flaky' });
    else if (passedOnFixture === runs.fixture.length || passedOnOwn > 0) lists.pass_to_pass.push(name);
    else if (passedOnFixture === 0) lists.fail_to_pass.push(name);
    else lists.excluded.push({ name, reason: 'flaky' });
  }
  return lists;
}
