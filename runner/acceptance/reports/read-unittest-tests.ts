// Names each test of `python -m unittest -v` with its verdict ("module.Class.test"), for scoring by test identity; pure.
import { recordVerdict, type Verdict } from './tally-verdicts.js';

/** A verbose line opens a test: "test_x (pkg.mod.Class.test_x)" (3.11+) or "test_x (pkg.mod.Class)" (3.10 and older). */
const OPENS = /^(\w+) \(([\w.]+)\)(?: \.\.\. |$)/;
/** The failure reports after the run: "FAIL: test_x (m.C.test_x)", a subTest's with " (i=1)" or " [label]" after it. */
const REPORTED = /^(FAIL|ERROR|UNEXPECTED SUCCESS): (\w+) \(([\w.]+)\)/;
const SKIPPED = / \.\.\. skipped\b/;
const RAN = /^Ran (\d+) tests? in /;

/**
 * Every test the verbose listing opened, passed unless a failure report names it (FAIL, ERROR, UNEXPECTED
 * SUCCESS) or its line says skipped; an expected failure passes. A module that failed to import is the test
 * unittest makes for it ("unittest.loader._FailedTest.test_b"), failed. When the names are more than "Ran N tests"
 * counts, something else printed lines that look like the listing (the code under test writes to the same stderr):
 * no names are returned then, so nothing printed can earn a pass.
 */
export function readUnittestTests(text: string): Map<string, Verdict> | undefined {
  const verdicts = new Map<string, Verdict>();
  let current: string | undefined;
  let ran: number | undefined;
  for (const line of text.split(/\r?\n/)) {
    const reported = REPORTED.exec(line);
    if (reported) {
      verdicts.set(readTestId(reported[2] as string, reported[3] as string), 'fail');
      continue;
    }
    const count = RAN.exec(line);
    if (count) ran = Number(count[1]);
    const opens = OPENS.exec(line);
    if (opens) {
      current = readTestId(opens[1] as string, opens[2] as string);
      recordVerdict(verdicts, current, 'pass');
    }
    // A docstring test prints its first line below the name; "... skipped" then ends that second line.
    if (current !== undefined && SKIPPED.test(line)) recordVerdict(verdicts, current, 'skip');
  }
  if (ran === undefined || verdicts.size > ran) return undefined;
  return verdicts;
}

/** Python 3.11 prints the full id in the parentheses, older ones only module and class: the method is added there. */
function readTestId(method: string, inParens: string): string {
  return inParens.endsWith(`.${method}`) ? inParens : `${inParens}.${method}`;
}
