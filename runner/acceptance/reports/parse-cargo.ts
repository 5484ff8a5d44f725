// Scores `cargo test`: the sum of every "test result: ok. 3 passed; 1 failed; 1 ignored; ..." line (one per test binary).
import { countBefore, splitCleanLines, type TestCounts } from './test-counts.js';

const RESULT = /^test result: (?:ok|FAILED)\. (.*)$/;

/** Sums all result lines (unit tests, each integration test file, doc-tests); null when there is none (a build error). */
export function parseCargoTest(text: string): TestCounts | null {
  const counts: TestCounts = { total: 0, passed: 0, failed: 0 };
  let found = false;
  for (const line of splitCleanLines(text)) {
    // Not trimmed: libtest prints its result lines at the start of a line; an indented one is some test's own output.
    const match = RESULT.exec(line);
    if (!match) continue;
    const summary = (match[1] as string).replaceAll(';', ',');
    const passed = countBefore(summary, 'passed');
    const failed = countBefore(summary, 'failed');
    found = true;
    counts.total += passed + failed + countBefore(summary, 'ignored');
    counts.passed += passed;
    counts.failed += failed;
  }
  return found ? counts : null;
}
