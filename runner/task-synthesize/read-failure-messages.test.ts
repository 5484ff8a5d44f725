// What each failing test said, read from real output shapes of go test -json, pytest -v, unittest -v, vitest and node --test.
import { describe, expect, it } from 'vitest';
import { readFailureMessages } from './read-failure-messages.js';

const GO = [
  '{"Action":"run","Package":"example.com/calc","Test":"TestAdd"}',
  '{"Action":"output","Package":"example.com/calc","Test":"TestAdd","Output":"=== RUN   TestAdd\\n"}',
  '{"Action":"output","Package":"example.com/calc","Test":"TestAdd","Output":"    calc_test.go:9: Add(1, 2) = -1, want 3\\n"}',
  '{"Action":"output","Package":"example.com/calc","Test":"TestAdd","Output":"--- FAIL: TestAdd (0.00s)\\n"}',
  '{"Action":"fail","Package":"example.com/calc","Test":"TestAdd"}',
  '{"Action":"run","Package":"example.com/calc","Test":"TestSub"}',
  '{"Action":"pass","Package":"example.com/calc","Test":"TestSub"}',
].join('\n');

const PYTEST = `tests/test_calc.py::test_add FAILED                                   [ 50%]
tests/test_calc.py::TestSub::test_sub PASSED                           [100%]

=================================== FAILURES ===================================
___________________________________ test_add ___________________________________

    def test_add():
>       assert add(1, 2) == 3
E       assert -1 == 3
E        +  where -1 = add(1, 2)

tests/test_calc.py:4: AssertionError
=========================== short test summary info ============================
FAILED tests/test_calc.py::test_add - assert -1 == 3
========================= 1 failed, 1 passed in 0.02s =========================`;

const UNITTEST = `test_add (tests.test_calc.CalcTest.test_add) ... FAIL

======================================================================
FAIL: test_add (tests.test_calc.CalcTest.test_add)
----------------------------------------------------------------------
Traceback (most recent call last):
  File "/w/tests/test_calc.py", line 6, in test_add
    self.assertEqual(add(1, 2), 3)
AssertionError: -1 != 3

----------------------------------------------------------------------
Ran 1 test in 0.000s

FAILED (failures=1)`;

const VITEST_TEXT = `{"numTotalTests":2,"testResults":[{"assertionResults":[{"ancestorTitles":["calc"],"fullName":"calc ad`;
const VITEST_STDERR = `
⎯⎯⎯⎯⎯⎯⎯ Failed Tests 1 ⎯⎯⎯⎯⎯⎯⎯

 FAIL  src/calc.spec.ts > calc > adds
AssertionError: expected -1 to be 3 // Object.is equality
 ❯ src/calc.spec.ts:5:22
      3| describe('calc', () => {
      4|   it('adds', () => {
      5|     expect(add(1, 2)).toBe(3);
       |                      ^

⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯[1/1]⎯`;

const TAP = `# Subtest: calc
    # Subtest: adds
    not ok 1 - adds
      ---
      duration_ms: 0.5
      failureType: 'testCodeFailure'
      error: 'Expected values to be strictly equal:\\n\\n-1 !== 3\\n'
      code: 'ERR_ASSERTION'
      expected: 3
      actual: -1
      operator: 'strictEqual'
      ...
    1..1
not ok 1 - calc`;

describe('readFailureMessages', () => {
  it("go: each failed top-level test's own output, without go's RUN and FAIL lines", () => {
    expect(readFailureMessages('go', GO)).toEqual([
      { name: 'example.com/calc::TestAdd', lines: ['calc_test.go:9: Add(1, 2) = -1, want 3'] },
    ]);
  });

  it("pytest: the E lines of the test's section, under its node id", () => {
    expect(readFailureMessages('pytest', PYTEST)).toEqual([
      { name: 'tests/test_calc.py::test_add', lines: ['assert -1 == 3', '+  where -1 = add(1, 2)'] },
    ]);
  });

  it('pytest: a long parametrized name has one underscore each side, and its lines stay its own', () => {
    const long = 'test_version_info_should_be_accessed_with_index[1.2.3-rc.0+build.0-2-3]';
    const text = [
      `tests/test_index.py::${long} FAILED`,
      'tests/test_index.py::test_other FAILED',
      '=================================== FAILURES ===================================',
      '________________________________ test_other ________________________________',
      'E       assert 1 == 2',
      `_ ${long} _`,
      'E       IndexError: Version part undefined',
      '=========================== short test summary info ============================',
      `FAILED tests/test_index.py::${long} - IndexError: Version part undefined`,
      'FAILED tests/test_index.py::test_other - assert 1 == 2',
      '========================= 2 failed in 0.02s =========================',
    ].join('\n');
    expect(readFailureMessages('pytest', text)).toEqual([
      { name: `tests/test_index.py::${long}`, lines: ['IndexError: Version part undefined'] },
      { name: 'tests/test_index.py::test_other', lines: ['assert 1 == 2'] },
    ]);
  });

  it('unittest: the exception line of the traceback, under the test id', () => {
    expect(readFailureMessages('unittest', UNITTEST)).toEqual([
      { name: 'tests.test_calc.CalcTest.test_add', lines: ['AssertionError: -1 != 3'] },
    ]);
  });

  it("vitest: the default reporter's failed tests when the json report is cut, without the code frame", () => {
    expect(readFailureMessages('vitest', `${VITEST_TEXT}\n${VITEST_STDERR}`)).toEqual([
      { name: 'src/calc.spec.ts > calc > adds', lines: ['AssertionError: expected -1 to be 3 // Object.is equality'] },
    ]);
  });

  it("node --test: the failed point's error, expected and actual", () => {
    expect(readFailureMessages('node-tap', TAP)).toEqual([
      {
        name: 'adds',
        lines: ["error: 'Expected values to be strictly equal:\\n\\n-1 !== 3\\n'", 'expected: 3', 'actual: -1', "operator: 'strictEqual'"],
      },
    ]);
  });

  it("node --test: a message in a YAML block (an assertion's own text) is read line by line", () => {
    const block = [
      'not ok 2 - clamps',
      '  ---',
      '  error: |-',
      '    clamp(-5) gave -5',
      '    expected 0',
      '  expected: 0',
      '  actual: -5',
      '  ...',
    ].join('\n');
    expect(readFailureMessages('node-tap', block)).toEqual([
      { name: 'clamps', lines: ['error:', '  clamp(-5) gave -5', '  expected 0', 'expected: 0', 'actual: -5'] },
    ]);
  });

  it('reads nothing from a report kind it does not know', () => {
    expect(readFailureMessages('exit-code', PYTEST)).toEqual([]);
  });
});
