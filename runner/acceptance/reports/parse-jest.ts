// Scores jest's summary: "Tests:       1 failed, 1 skipped, 4 passed, 6 total".
import { countBefore, splitCleanLines, type TestCounts } from './test-counts.js';

const TESTS = /^Tests:\s+(.*\b(\d+) total)\s*$/;
const SUITES = /^Test Suites:\s+(.*)$/;

/** The last summary's counts; a run with no test (every suite failed to load) scores each failed suite as one failed test. */
export function parseJest(text: string): TestCounts | null {
  let counts: TestCounts | null = null;
  let failedSuites = 0;
  for (const raw of splitCleanLines(text)) {
    const line = raw.trim();
    const suites = SUITES.exec(line);
    if (suites) failedSuites = countBefore(suites[1] as string, 'failed');
    const tests = TESTS.exec(line);
    if (tests) {
      const summary = tests[1] as string;
      counts = { total: Number(tests[2]), passed: countBefore(summary, 'passed'), failed: countBefore(summary, 'failed') };
    }
  }
  if ((counts === null || counts.total === 0) && failedSuites > 0) return { total: failedSuites, passed: 0, failed: failedSuites };
  return counts;
}
