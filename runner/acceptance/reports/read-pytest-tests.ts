// Names each test of `pytest -v` with its verdict (its node id, "tests/test_x.py::test_a[param]"); pure.
import { recordVerdict, type Verdict } from './tally-verdicts.js';
import { parsePytest } from './parse-pytest.js';
import { splitCleanLines } from './test-counts.js';

/** A verbose result line: the node id, then the outcome word (then the progress "[ 50%]"). */
const LISTED = /^(\S.*?::.+?) (PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS)(?:\s|$)/;
/** The short summary's failures: "FAILED id - message", "ERROR tests/test_b.py" (a module that failed to collect). */
const SUMMARISED = /^(FAILED|ERROR) (\S.*?)(?: - .*)?$/;
/** A section rule such as "==== FAILURES ====": captured output is printed in these, after the listing. */
const SECTION = /^={3,} (.+?) ={3,}$/;

const OUTCOMES: Record<string, Verdict> = { PASSED: 'pass', XFAIL: 'pass', XPASS: 'pass', FAILED: 'fail', ERROR: 'fail', SKIPPED: 'skip' };

/**
 * The listing's verdicts (an expected failure and a non-strict unexpected pass are passes, as in parsePytest), then
 * the short summary's failures. Lines inside the ERRORS and FAILURES sections are never read: a failing test's
 * captured output is printed there. Undefined when the run printed no summary, or named more tests than its
 * summary counts (something printed lines that look like the listing, e.g. under `-s`).
 */
export function readPytestTests(text: string): Map<string, Verdict> | undefined {
  const counts = parsePytest(text);
  if (counts === null) return undefined;
  const verdicts = new Map<string, Verdict>();
  let section: string | null = null;
  for (const line of splitCleanLines(text)) {
    const rule = SECTION.exec(line.trim());
    if (rule) {
      section = rule[1] as string;
      continue;
    }
    if (section === null || section === 'test session starts') {
      const listed = LISTED.exec(line);
      if (listed) recordVerdict(verdicts, listed[1] as string, OUTCOMES[listed[2] as string] as Verdict);
    } else if (section === 'short test summary info') {
      const summarised = SUMMARISED.exec(line);
      if (summarised) recordVerdict(verdicts, summarised[2] as string, 'fail');
    }
  }
  return verdicts.size > counts.total ? undefined : verdicts;
}
