// parseUnittest and parsePytest on real output: unittest captured from /usr/bin/python3 (3.11.2) here; pytest (not installed here) as its docs print it.
import { describe, expect, it } from 'vitest';
import { parsePytest } from './parse-pytest.js';
import { parseUnittest } from './parse-unittest.js';

// `python3 -m unittest discover -s tests -v` (Python 3.11.2): an error, a failure, a pass, a skip, an expected failure.
const UNITTEST_FAILED = `test_err (test_a.A.test_err) ... ERROR
test_fail (test_a.A.test_fail) ... FAIL
test_ok (test_a.A.test_ok) ... ok
test_skip (test_a.A.test_skip) ... skipped 'why'
test_xf (test_a.A.test_xf) ... expected failure

======================================================================
ERROR: test_err (test_a.A.test_err)
----------------------------------------------------------------------
Traceback (most recent call last):
  File "/tmp/ut2/tests/test_a.py", line 5, in test_err
    raise KeyError('k')
KeyError: 'k'

======================================================================
FAIL: test_fail (test_a.A.test_fail)
----------------------------------------------------------------------
Traceback (most recent call last):
  File "/tmp/ut2/tests/test_a.py", line 7, in test_fail
    self.assertEqual(1, 2)
AssertionError: 1 != 2

----------------------------------------------------------------------
Ran 5 tests in 0.001s

FAILED (failures=1, errors=1, skipped=1, expected failures=1)
`;

// The same run's stderr (/usr/bin/python3, 3.11.2) for 4 passing tests and test_x, whose subTests i=1..3 (of 0..3) fail.
const UNITTEST_SUBTESTS = `test_a (test_s.C.test_a) ... ok
test_b (test_s.C.test_b) ... ok
test_c (test_s.C.test_c) ... ok
test_d (test_s.C.test_d) ... ok
test_x (test_s.C.test_x) ...${' '}
  test_x (test_s.C.test_x) [label] (i=1) ... FAIL
  test_x (test_s.C.test_x) [label] (i=2) ... FAIL
  test_x (test_s.C.test_x) [label] (i=3) ... FAIL
${[1, 2, 3]
  .map(
    (i) => `
======================================================================
FAIL: test_x (test_s.C.test_x) [label] (i=${i})
----------------------------------------------------------------------
Traceback (most recent call last):
  File "/tmp/ut/tests/test_s.py", line 15, in test_x
    self.assertEqual(i, 0)
AssertionError: ${i} != 0
`,
  )
  .join('')}
----------------------------------------------------------------------
Ran 5 tests in 0.001s

FAILED (failures=3)
`;

describe('parseUnittest', () => {
  it('counts a test whose subTests failed once (failures= counts each subTest)', () => {
    expect(parseUnittest(UNITTEST_SUBTESTS)).toEqual({ total: 5, passed: 4, failed: 1 });
  });

  it('counts a test with a failing and an erroring subTest once, and never more failed tests than ran', () => {
    const text = [
      'ERROR: test_x (m.C.test_x) (i=0)',
      'FAIL: test_x (m.C.test_x) (i=1)',
      'FAIL: test_y (m.C.test_y) [y] (i=1)',
      'Ran 3 tests in 0.0s',
      '',
      'FAILED (failures=2, errors=1)',
    ].join('\n');
    expect(parseUnittest(text)).toEqual({ total: 3, passed: 1, failed: 2 });
    expect(parseUnittest('Ran 1 test in 0.0s\n\nFAILED (failures=3)\n')).toEqual({ total: 1, passed: 0, failed: 1 });
  });

  it('takes each run\'s failure reports from above its own "Ran" line', () => {
    const text = 'FAIL: test_a (m.C.test_a)\nRan 1 test in 0.0s\n\nFAILED (failures=1)\nRan 2 tests in 0.0s\n\nOK\n';
    expect(parseUnittest(text)).toEqual({ total: 2, passed: 2, failed: 0 });
  });

  it('counts failures and errors as failed, skips as neither, an expected failure as passed', () => {
    expect(parseUnittest(UNITTEST_FAILED)).toEqual({ total: 5, passed: 2, failed: 2 });
  });

  it('reads an OK run, with or without skips', () => {
    expect(parseUnittest('test_a ... ok\n\n------\nRan 3 tests in 0.000s\n\nOK\n')).toEqual({ total: 3, passed: 3, failed: 0 });
    expect(parseUnittest('Ran 1 test in 0.000s\r\n\r\nOK (skipped=1)\r\n')).toEqual({ total: 1, passed: 0, failed: 0 });
  });

  it('scores a module that failed to import (unittest reports it as one error)', () => {
    expect(parseUnittest('ERROR: test_x (unittest.loader._FailedTest.test_x)\nRan 1 test in 0.000s\n\nFAILED (errors=1)\n')).toEqual({
      total: 1,
      passed: 0,
      failed: 1,
    });
  });

  it('counts an unexpected success as failed, and a run killed before its verdict as all failed', () => {
    expect(parseUnittest('Ran 2 tests in 0.1s\n\nFAILED (unexpected successes=1)\n')).toEqual({ total: 2, passed: 1, failed: 1 });
    expect(parseUnittest('Ran 4 tests in 0.1s\n')).toEqual({ total: 4, passed: 0, failed: 4 });
  });

  it('gives null without a "Ran N tests" line', () => {
    expect(parseUnittest('Traceback (most recent call last):\nSyntaxError: invalid syntax\n')).toBeNull();
  });
});

describe('parsePytest', () => {
  it('counts xpassed as passed (a strict xpass is reported by pytest as failed)', () => {
    expect(parsePytest('==== 4 passed, 1 xpassed in 0.05s ====')).toEqual({ total: 5, passed: 5, failed: 0 });
    expect(parsePytest('==== 1 failed, 3 passed, 1 xpassed in 0.05s ====')).toEqual({ total: 5, passed: 4, failed: 1 });
  });

  it('reads the ruled summary line, counting errors as failed and xfailed as passed', () => {
    const text = 'tests/test_a.py .F.sx\n=========== 1 failed, 2 passed, 1 skipped, 1 xfailed, 2 warnings in 0.12s ===========\n';
    expect(parsePytest(text)).toEqual({ total: 5, passed: 3, failed: 1 });
    expect(parsePytest('==== 1 passed, 2 errors in 0.30s ====')).toEqual({ total: 3, passed: 1, failed: 2 });
  });

  it('reads the bare -q summary and "no tests ran"', () => {
    expect(parsePytest('..\n2 passed in 0.01s\n')).toEqual({ total: 2, passed: 2, failed: 0 });
    expect(parsePytest('==== no tests ran in 0.01s ====')).toEqual({ total: 0, passed: 0, failed: 0 });
  });

  it('gives null without a summary, and ignores a test name that looks like one', () => {
    expect(parsePytest('tests/test_a.py::test_ok PASSED\n')).toBeNull();
  });
});
