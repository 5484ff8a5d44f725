// Scores `go test -v` ("--- PASS: TestX (0.00s)", closed by "ok  \tpkg\t0.01s" or "FAIL\tpkg") or `go test -json`; top-level tests.
import { splitCleanLines, type TestCounts } from './test-counts.js';

// At the start of a line only: subtests are indented, and so is the output of t.Log.
const VERBOSE = /^--- (PASS|FAIL|SKIP): (\S+)/;
// The line that closes each package's run: "ok  \tpkg\t0.01s", "FAIL\tpkg\t0.01s", "FAIL\tpkg [build failed]".
const PACKAGE = /^(ok|FAIL)\s+(\S+)/;

/**
 * Counts top-level tests (subtests, "TestX/case", are parts of theirs); null when no test finished (a build error, or
 * go test without -v, which lists no passing test). A package's closing line is go's own verdict on the tests above
 * it, preferred where it says more: a "FAIL" package with no failed test line (it failed to build, or panicked outside
 * any test) counts one failed test. An "ok" line changes nothing: the tests print on the same stream, and a printed
 * "ok" must not be able to wipe out failures.
 */
export function parseGoTest(text: string): TestCounts | null {
  const counts: TestCounts = { total: 0, passed: 0, failed: 0 };
  let open: TestCounts = { total: 0, passed: 0, failed: 0 };
  let sawTest = false;
  for (const line of splitCleanLines(text)) {
    const verdict = line.startsWith('{') ? undefined : PACKAGE.exec(line)?.[1];
    if (verdict !== undefined) {
      addCounts(counts, closePackage(open, verdict === 'ok'));
      open = { total: 0, passed: 0, failed: 0 };
      continue;
    }
    const outcome = line.startsWith('{') ? readJsonEvent(line) : VERBOSE.exec(line)?.[1]?.toLowerCase();
    if (outcome === undefined) continue;
    sawTest = true;
    open.total += 1;
    if (outcome === 'pass') open.passed += 1;
    else if (outcome === 'fail') open.failed += 1;
  }
  // Tests after the last package line: a run killed mid-package, or -json output (which has no such lines).
  addCounts(counts, open);
  return sawTest ? counts : null;
}

/** One package's counts under its closing verdict (see parseGoTest). */
function closePackage(tests: TestCounts, ok: boolean): TestCounts {
  if (ok || tests.failed > 0) return tests;
  return { total: tests.total + 1, passed: tests.passed, failed: 1 };
}

/** Adds `more` into `counts`. */
function addCounts(counts: TestCounts, more: TestCounts): void {
  counts.total += more.total;
  counts.passed += more.passed;
  counts.failed += more.failed;
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
