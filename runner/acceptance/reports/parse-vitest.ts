// Scores vitest's summary: "Tests  1 failed | 4 passed | 1 skipped (6)", and "Test Files  1 failed (1)" when no test ran.
import { readJestJson } from './read-jest-json.js';
import { countBefore, splitCleanLines, type TestCounts } from './test-counts.js';

const TESTS = /^Tests\s+(.*)\((\d+)\)\s*$/;
const FILES = /^Test Files\s+(.*)\((\d+)\)\s*$/;

/** The json reporter's report when there is one (names each test); else the text summary's counts. */
export function parseVitest(text: string): TestCounts | null {
  return readJestJson(text) ?? parseVitestSummary(text);
}

/** The counts of the last summary; a run whose files all failed to load ("Tests  no tests") scores each failed file as one failed test. */
function parseVitestSummary(text: string): TestCounts | null {
  let counts: TestCounts | null = null;
  let failedFiles = 0;
  for (const raw of splitCleanLines(text)) {
    const line = raw.trim();
    const files = FILES.exec(line);
    if (files) {
      failedFiles = countBefore(files[1] as string, 'failed');
      continue;
    }
    const tests = TESTS.exec(line);
    if (tests) {
      const summary = tests[1] as string;
      counts = { total: Number(tests[2]), passed: countBefore(summary, 'passed'), failed: countBefore(summary, 'failed') };
    } else if (/^Tests\s+no tests\s*$/.test(line)) {
      counts = { total: failedFiles, passed: 0, failed: failedFiles };
    }
  }
  return counts;
}
