// Scores `python -m unittest -v`: "Ran N tests" then "OK" or "FAILED (failures=a, errors=b, skipped=c, ...)".
import { splitCleanLines, type TestCounts } from './test-counts.js';

const RAN = /^Ran (\d+) tests? in /;
const VERDICT = /^(OK|FAILED)\b(?: \((.*)\))?\s*$/;
// "FAIL: test_x (m.C.test_x)", and for a subTest "FAIL: test_x (m.C.test_x) [label] (i=1)": the test is the part up to
// its first parenthesised name (Python 3.10 and older print "(m.C)" there; a class fixture "setUpClass (m.C)").
const FAILURE_HEADER = /^(?:FAIL|ERROR): (\S+ \([^)]*\))/;

/** The last run's counts; null when it never printed "Ran N tests" (killed, or python failed to start). */
export function parseUnittest(text: string): TestCounts | null {
  const lines = splitCleanLines(text);
  let counts: TestCounts | null = null;
  // The failure reports a run prints come before its "Ran N tests" line; each run's set starts after the previous one's.
  let failingTests = new Set<string>();
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as string;
    const header = FAILURE_HEADER.exec(line);
    if (header) failingTests.add(header[1] as string);
    const ran = RAN.exec(line);
    if (!ran) continue;
    const total = Number(ran[1]);
    const verdict = lines.slice(i + 1).find((next) => VERDICT.test(next));
    const fields = readFields(verdict ? (VERDICT.exec(verdict)?.[2] ?? '') : '');
    counts = verdict ? scoreVerdict(total, fields, failingTests.size) : { total, passed: 0, failed: total };
    failingTests = new Set();
  }
  return counts;
}

/**
 * failures= and errors= count each failing subTest, so one test with 3 failing subTests says failures=3 while "Ran"
 * counts it once: the failed tests are the distinct tests named in the failure reports, when there are any. An
 * unexpected success is a failure (unittest says FAILED for it, with no report); an expected failure is a pass.
 */
function scoreVerdict(total: number, fields: Record<string, number>, reportedTests: number): TestCounts {
  const reported = (fields.failures ?? 0) + (fields.errors ?? 0);
  const failing = reportedTests > 0 ? Math.min(reportedTests, reported) : reported;
  const failed = Math.min(total, failing + (fields['unexpected successes'] ?? 0));
  const skipped = fields.skipped ?? 0;
  return { total, passed: Math.max(0, total - failed - skipped), failed };
}

/** "failures=1, errors=2, expected failures=1" -> { failures: 1, errors: 2, 'expected failures': 1 }. */
function readFields(text: string): Record<string, number> {
  const fields: Record<string, number> = {};
  for (const part of text.split(',')) {
    const [name, value] = part.split('=');
    if (name && value && /^\d+$/.test(value.trim())) fields[name.trim()] = Number(value.trim());
  }
  return fields;
}
