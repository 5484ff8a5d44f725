// parseTapSummary on Node 20's TAP reporter output: nested subtests, skip, todo, killed runs; the fallback counts of a killed run.
import { describe, expect, it } from 'vitest';
import { countTimeoutFailures, countTopLevelResults, parseTapSummary } from './parse-tap-summary.js';

// Trimmed from a real `node --test --test-reporter=tap` run (Node 20): a suite with a nested suite,
// a skipped test, a failing todo, and a test with subtests.
const SAMPLE = `TAP version 13
# Subtest: group
    # Subtest: ok one
    ok 1 - ok one
      ---
      duration_ms: 0.96
      ...
    # Subtest: bad one
    not ok 2 - bad one
      ---
      error: |-
        Expected values to be strictly equal:
        # tests 99
      ...
    # Subtest: inner
        # Subtest: deep ok
        ok 1 - deep ok
        1..1
        # tests 1
        # pass 1
    ok 3 - inner
    1..3
not ok 1 - group
# Subtest: skipped
ok 2 - skipped # SKIP
# Subtest: todo
not ok 3 - todo # TODO
# Subtest: parent
    # Subtest: child ok
    ok 1 - child ok
    # Subtest: child bad
    not ok 2 - child bad
    1..2
not ok 4 - parent
1..4
# tests 8
# suites 2
# pass 3
# fail 3
# cancelled 0
# skipped 1
# todo 1
# duration_ms 145.298625
`;

describe('parseTapSummary', () => {
  it('reads the top-level summary, not indented lines of nested subtests or error text', () => {
    expect(parseTapSummary(SAMPLE)).toEqual({ tests: 8, pass: 3, fail: 3, cancelled: 0, skipped: 1, todo: 1 });
  });

  it('reads CRLF output and a cancelled count', () => {
    const text = 'TAP version 13\r\nnot ok 1 - hang\r\n1..1\r\n# tests 3\r\n# pass 1\r\n# fail 0\r\n# cancelled 2\r\n';
    expect(parseTapSummary(text)).toEqual({ tests: 3, pass: 1, fail: 0, cancelled: 2, skipped: 0, todo: 0 });
  });

  it('takes the last of two summaries', () => {
    expect(parseTapSummary('# tests 2\n# pass 2\n# tests 5\n# pass 1\n# fail 4\n')).toEqual({
      tests: 5,
      pass: 1,
      fail: 4,
      cancelled: 0,
      skipped: 0,
      todo: 0,
    });
  });

  it('gives undefined for output without a summary (a killed run) and for empty text', () => {
    expect(parseTapSummary('TAP version 13\n# Subtest: quick\nok 1 - quick\n')).toBeUndefined();
    expect(parseTapSummary('')).toBeUndefined();
    expect(parseTapSummary('# pass 3\n# fail 0\n')).toBeUndefined();
  });
});

describe('countTopLevelResults', () => {
  it('counts unindented test points only, with SKIP and TODO apart, as the summary would', () => {
    const killed = SAMPLE.slice(0, SAMPLE.indexOf('1..4'));
    expect(countTopLevelResults(killed)).toEqual({ tests: 4, pass: 0, fail: 2, cancelled: 0, skipped: 1, todo: 1 });
    expect(countTopLevelResults('TAP version 13\r\nok 1 - a\r\n# ok 2 - printed by a test\r\n    ok 1 - nested\r\nok 2 - b\r\n')).toEqual({
      tests: 2,
      pass: 2,
      fail: 0,
      cancelled: 0,
      skipped: 0,
      todo: 0,
    });
  });

  it('gives undefined when no test finished', () => {
    expect(countTopLevelResults('TAP version 13\n# Subtest: hang\n')).toBeUndefined();
  });
});

describe('countTimeoutFailures', () => {
  it('counts the results that failed on the test timeout', () => {
    const text =
      "not ok 1 - /w/tests/a.test.mjs\n  ---\n  failureType: 'testTimeoutFailure'\n  error: 'test timed out after 500ms'\n  ...\n" +
      "not ok 2 - b\n  ---\n  failureType: 'testCodeFailure'\n  ...\n# failureType: 'testTimeoutFailure'\n";
    expect(countTimeoutFailures(text)).toBe(1);
  });
});
