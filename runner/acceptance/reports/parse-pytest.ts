// Scores pytest's closing line: "==== 1 failed, 4 passed, 1 skipped in 0.12s ====" (or without the rules, under -q).
import { countBefore, splitCleanLines, type TestCounts } from './test-counts.js';

const SUMMARY = /^=*\s*((?:\d+ [a-z]+(?:, )?)+|no tests ran) in [\d.]+s\b/;

/**
 * The last summary's counts; null when there is none. Errors (collection or fixture) count as failed. An xpassed test
 * passed: pytest itself reports a strict xfail that passed as failed, so "xpassed" is only ever a non-strict one.
 */
export function parsePytest(text: string): TestCounts | null {
  let counts: TestCounts | null = null;
  for (const line of splitCleanLines(text)) {
    const match = SUMMARY.exec(line.trim());
    if (!match) continue;
    const summary = match[1] as string;
    const passed = countBefore(summary, 'passed') + countBefore(summary, 'xfailed') + countBefore(summary, 'xpassed');
    const failed = countBefore(summary, 'failed') + countBefore(summary, 'errors?');
    counts = { total: passed + failed + countBefore(summary, 'skipped'), passed, failed };
  }
  return counts;
}
