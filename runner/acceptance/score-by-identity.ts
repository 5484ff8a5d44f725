// Scores a test run against a task's FAIL_TO_PASS and PASS_TO_PASS lists, by test name, as SWE-bench does; pure.
import type { QualityMeasure } from '../../ledger/index.js';
import type { Verdict } from './reports/tally-verdicts.js';

/** The tests that define a task (task.json): those its change makes pass, and those that passed before and must still. */
export interface TestLists {
  fail_to_pass: readonly string[];
  pass_to_pass: readonly string[];
}

export interface IdentityScore {
  /** What an arm's quality is, by the measure asked for: 1 or 0 (`resolved`), or the share of fail_to_pass that passed. */
  quality: number;
  /** The measure `quality` is in. */
  measure: QualityMeasure;
  fail_to_pass: { passed: number; total: number };
  pass_to_pass: { passed: number; total: number };
  /** Every fail_to_pass and every pass_to_pass test passed (SWE-bench's "resolved"). */
  resolved: boolean;
  /** The pass_to_pass tests that did not pass: what the change broke. */
  broken: string[];
}

/**
 * A test the run did not report (its file did not load, its package did not build) did not pass. `measure`: what
 * `quality` is (an arm's: its plan's, `resolved` by default; verification reads the share, stricter for sim-noop).
 */
export function scoreByIdentity(
  verdicts: ReadonlyMap<string, Verdict> | undefined,
  lists: TestLists,
  measure: QualityMeasure = 'fail-to-pass-share',
): IdentityScore {
  const passes = (name: string): boolean => verdicts?.get(name) === 'pass';
  const fixed = lists.fail_to_pass.filter(passes).length;
  const broken = lists.pass_to_pass.filter((name) => !passes(name));
  const total = lists.fail_to_pass.length;
  const resolved = total > 0 && fixed === total && broken.length === 0;
  return {
    quality: measure === 'resolved' ? Number(resolved) : total > 0 ? fixed / total : 0,
    measure,
    fail_to_pass: { passed: fixed, total },
    pass_to_pass: { passed: lists.pass_to_pass.length - broken.length, total: lists.pass_to_pass.length },
    resolved,
    broken,
  };
}
