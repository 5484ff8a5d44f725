// One verdict per named test, counted, and the JSON line reader of the event-stream reports (go test -json, libtest's json).
import type { TestCounts } from './test-counts.js';

/** How one test ended: passed, failed, or skipped (counted in the total, neither passed nor failed). */
export type Verdict = 'pass' | 'fail' | 'skip';

/** Records `verdict` for `name` unless it already failed: a failure seen once is never undone by a later pass. */
export function recordVerdict(verdicts: Map<string, Verdict>, name: string, verdict: Verdict): void {
  if (verdicts.get(name) !== 'fail') verdicts.set(name, verdict);
}

/** The counts of a set of verdicts. */
export function tallyVerdicts(verdicts: Iterable<Verdict>): TestCounts {
  const counts: TestCounts = { total: 0, passed: 0, failed: 0 };
  for (const verdict of verdicts) {
    counts.total += 1;
    if (verdict === 'pass') counts.passed += 1;
    else if (verdict === 'fail') counts.failed += 1;
  }
  return counts;
}

/** A line holding one JSON object (an event of go test -json or libtest), as its fields; undefined for any other line. */
export function readJsonObjectLine(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
