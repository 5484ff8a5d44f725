// Derives a task's fail_to_pass and pass_to_pass tests from per-test verdicts of repeated runs, as SWE-bench does; pure.
import type { Verdict } from '../acceptance/reports/tally-verdicts.js';
import { findOldName, type TestOrigin } from './classify-test-origins.js';
import type { BodyLanguage } from './read-test-bodies.js';

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
   * The fixture's own test files (before the change), when the task overlays the repository's files: an old test
   * (unchanged, or renamed with its body unchanged) that passes there is pass_to_pass even when the new tests stop its
   * package building (Go, Rust) or its file collecting (Python).
   */
  fixtureOwn?: readonly RunVerdicts[] | undefined;
  /** Where each test came from (classifyTestOrigins); absent: every test is judged as new work. */
  originOf?: ((name: string) => TestOrigin) | undefined;
  /** The test files' language, to read a reported name's function (`pkg::TestX`, `suite > title`). */
  language?: BodyLanguage | undefined;
}

/**
 * Every test a solution run named, as SWE-bench derives the lists: kept when it passed in every solution run; then
 * pass_to_pass when it passed in every run of the fixture with the change's tests, fail_to_pass when it passed in none
 * (it failed, did not exist, or did not build there), flaky in between. One exception, so that a new test breaking
 * the build does not turn old tests into new work: an old test (body unchanged, under its name or renamed) that no
 * fixture run reported at all is judged by the fixture's own runs under its old name. A changed (extended) test is
 * always judged on the fixture with the change's tests, never by its old version. Sorted by name.
 */
export function deriveTestLists(runs: ListRuns): TestLists {
  const names = new Set(runs.solution.flatMap((run) => [...(run?.keys() ?? [])].filter((name) => !isSourceDocTest(name))));
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
    const onFixture = runs.fixture.map((run) => run?.get(name));
    const passedOnFixture = onFixture.filter((verdict) => verdict === 'pass').length;
    const verdict =
      passedOnFixture === onFixture.length
        ? 'pass_to_pass'
        : passedOnFixture > 0
          ? 'flaky'
          : onFixture.every((outcome) => outcome === undefined)
            ? judgeUnbuiltTest(name, runs)
            : 'fail_to_pass';
    if (verdict === 'flaky') lists.excluded.push({ name, reason: 'flaky' });
    else lists[verdict].push(name);
  }
  return lists;
}

/**
 * cargo's doc tests (`src/lib.rs - hamming (line 17)`) are the agent's own source, not hidden tests, and are named by
 * line: a correct solution that adds a line above one renames it, and `resolved` would call it broken. Left out of
 * both lists (strsim-rs: 82 of 98 pass_to_pass tests of one task were doc tests).
 */
export function isSourceDocTest(name: string): boolean {
  // `src/lib.rs - (line 118)` is a crate-level (`//!`) doc test: no item between the dash and the line.
  return / - (?:.+ )?\(line \d+\)$/.test(name);
}

/** A test no fixture run reported: new work unless it is an old test the fixture's own runs passed every time. */
function judgeUnbuiltTest(name: string, runs: ListRuns): 'fail_to_pass' | 'pass_to_pass' | 'flaky' {
  const origin = runs.originOf?.(name) ?? { kind: 'new' };
  const own = runs.fixtureOwn ?? [];
  if ((origin.kind !== 'unchanged' && origin.kind !== 'renamed') || own.length === 0) return 'fail_to_pass';
  const passed = own.filter((run) => {
    const old = run && findOldName(name, origin, run.keys(), runs.language);
    return old !== undefined && run?.get(old) === 'pass';
  }).length;
  return passed === own.length ? 'pass_to_pass' : passed > 0 ? 'flaky' : 'fail_to_pass';
}
