// Scores `go test -v` ("--- PASS: TestX (0.00s)") or `go test -json` (one event object a line); top-level tests only.
import { splitCleanLines, type TestCounts } from './test-counts.js';

const VERBOSE = /^--- (PASS|FAIL|SKIP): (\S+)/;

/** Counts top-level tests (subtests, "TestX/case", are parts of theirs); null when no test finished. */
export function parseGoTest(text: string): TestCounts | null {
  const counts: TestCounts = { total: 0, passed: 0, failed: 0 };
  for (const line of splitCleanLines(text)) {
    const outcome = line.startsWith('{') ? readJsonEvent(line) : VERBOSE.exec(line)?.[1]?.toLowerCase();
    if (outcome === undefined) continue;
    counts.total += 1;
    if (outcome === 'pass') counts.passed += 1;
    else if (outcome === 'fail') counts.failed += 1;
  }
  return counts.total > 0 ? counts : null;
}

/** A `go test -json` event that ends a top-level test: its action (pass, fail, skip); undefined for any other line. */
function readJsonEvent(line: string): string | undefined {
  let event: unknown;
  try {
    event = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof event !== 'object' || event === null) return undefined;
  const { Action: action, Test: test } = event as { Action?: unknown; Test?: unknown };
  if (typeof test !== 'string' || test.includes('/')) return undefined;
  return action === 'pass' || action === 'fail' || action === 'skip' ? action : undefined;
}
