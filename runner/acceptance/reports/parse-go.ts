// Scores `go test -json`: the test2json events of top-level tests, one verdict per test, a failure never undone.
import { splitCleanLines, type TestCounts } from './test-counts.js';
import { readJsonObjectLine, recordVerdict, tallyVerdicts, type Verdict } from './tally-verdicts.js';

/**
 * go 1.19 reports a package that did not build as a plain line, "FAIL\tpkg [build failed]", not an event. The test
 * binary's own output all goes through test2json, so a plain line comes from the go command itself.
 */
const UNBUILT = /^FAIL\s+(\S+)\s+\[(?:build|setup) failed\]/;

/**
 * Counts top-level tests (a subtest, "TestX/case", is part of its test's verdict: TestX fails when it does); null
 * when neither a test nor a failed package was reported (output that is not -json). Only events are read: what the
 * code under test prints arrives wrapped in an "output" event's Output field (ADR 0017 says where go 1.19's test2json
 * still turns a printed "--- PASS: X" line into an event). An end counts only for a test that started ("run") in the
 * same package; a "fail" is never undone by a later pass; a test that started and never ended (the binary died inside
 * it) is failed. A package that failed with no failed test (it did not build, or panicked or exited outside any
 * test) counts one failed test. `only`: the top-level tests the command selected (readGoRunFilter); events of any
 * other name are dropped, which is what stops go 1.19's test2json from scoring a printed "=== RUN" and "--- PASS" pair.
 */
export function parseGoTest(text: string, only?: ReadonlySet<string>): TestCounts | null {
  const verdicts = new Map<string, Verdict>();
  const started = new Set<string>();
  const failedPackages = new Set<string>();
  for (const line of splitCleanLines(text)) {
    const unbuilt = UNBUILT.exec(line);
    if (unbuilt) failedPackages.add(unbuilt[1] as string);
    const event = readJsonEvent(line);
    if (event === undefined) continue;
    if (event.test === undefined) {
      if (event.action === 'fail') failedPackages.add(event.pkg);
      continue;
    }
    if (event.test.includes('/') || (only !== undefined && !only.has(event.test))) continue;
    const key = `${event.pkg}\u0000${event.test}`;
    if (event.action === 'run') started.add(key);
    else if (started.has(key)) recordVerdict(verdicts, key, event.action);
  }
  // A test that started and never ended: the test binary died inside it.
  for (const key of started) if (!verdicts.has(key)) verdicts.set(key, 'fail');
  if (verdicts.size === 0 && failedPackages.size === 0) return null;
  const counts = tallyVerdicts(verdicts.values());
  const named = new Map([...verdicts].map(([key, verdict]) => [key.replace('\u0000', '::'), verdict]));
  const failedTestPackages = new Set([...verdicts].filter(([, verdict]) => verdict === 'fail').map(([key]) => key.split('\u0000')[0]));
  const unexplained = [...failedPackages].filter((pkg) => !failedTestPackages.has(pkg)).length;
  return { total: counts.total + unexplained, passed: counts.passed, failed: counts.failed + unexplained, verdicts: named };
}

interface GoEvent {
  action: Verdict | 'run';
  pkg: string;
  test: string | undefined;
}

/** A test2json event that starts a test, or ends a test or a package (pass, fail, skip); undefined for any other line or action. */
function readJsonEvent(line: string): GoEvent | undefined {
  const { Action: action, Test: test, Package: pkg } = readJsonObjectLine(line) ?? {};
  if (action !== 'run' && action !== 'pass' && action !== 'fail' && action !== 'skip') return undefined;
  return { action, pkg: typeof pkg === 'string' ? pkg : '', test: typeof test === 'string' ? test : undefined };
}

/** The names of a `-run '^(TestA|TestB)$'` filter (as tasks import writes it); undefined for no filter or any other pattern. */
export function readGoRunFilter(argv: readonly string[]): ReadonlySet<string> | undefined {
  const at = argv.findIndex((arg) => arg === '-run' || arg === '--run');
  const pattern = at >= 0 ? argv[at + 1] : argv.find((arg) => /^--?run=/.test(arg))?.replace(/^--?run=/, '');
  const names = /^\^\(([\w|]+)\)\$$/.exec(pattern ?? '')?.[1];
  return names === undefined ? undefined : new Set(names.split('|'));
}
