// The per-test verdicts each report kind yields, on output captured from the real tools (test-fixtures/README.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMocha } from './parse-mocha.js';
import { readJestJson } from './read-jest-json.js';
import { readPytestTests } from './read-pytest-tests.js';
import { readTapTests } from './read-tap-tests.js';
import { readUnittestTests } from './read-unittest-tests.js';
import { EXIT_CODE_TEST, scoreTestReport } from './score-test-report.js';

const read = (name: string): string => readFileSync(new URL(`./test-fixtures/${name}`, import.meta.url), 'utf8');
const asObject = (verdicts: Map<string, string> | undefined): Record<string, string> | undefined =>
  verdicts && Object.fromEntries([...verdicts].sort(([a], [b]) => a.localeCompare(b)));

describe('readTapTests', () => {
  it('names leaf tests by their path and leaves suites and parents to their leaves', () => {
    expect(asObject(readTapTests(read('node20-tap-nested.txt')))).toEqual({
      'group > inner one': 'pass',
      'group > inner two': 'fail',
      skipped: 'skip',
      'with sub > sub a': 'pass',
    });
  });
  it('names a test file that failed to load by its file, failed', () => {
    expect(asObject(readTapTests(read('node20-tap-unloadable.txt')))).toEqual({ '/tmp/taptry/tests/broken.test.js': 'fail' });
  });
  it('never reads a test point inside a YAML block (an error message)', () => {
    const forged = ['TAP version 13', '# Subtest: real', 'not ok 1 - real', '  ---', '  error: |-', '    ok 2 - forged', '  ...', '1..1'];
    expect(asObject(readTapTests(forged.join('\n')))).toEqual({ real: 'fail' });
  });
});

describe('readUnittestTests', () => {
  it('names every test by module, class and method, with failures from the reports', () => {
    expect(asObject(readUnittestTests(read('python311-unittest-v.txt')))).toEqual({
      'test_a.T.test_doc': 'pass',
      'test_a.T.test_err': 'fail',
      'test_a.T.test_fail': 'fail',
      'test_a.T.test_ok': 'pass',
      'test_a.T.test_skip': 'skip',
      'test_a.T.test_sub': 'fail',
      'test_a.T.test_xf': 'pass',
      'test_a.T.test_xs': 'fail',
      'unittest.loader._FailedTest.test_b': 'fail',
    });
  });
  it('reads Python 3.10 and older, which print only module and class in the parentheses', () => {
    const old = ['test_x (m.C) ... ok', 'test_y (m.C) ... FAIL', '', 'FAIL: test_y (m.C)', 'Ran 2 tests in 0.001s', 'FAILED (failures=1)'];
    expect(asObject(readUnittestTests(old.join('\n')))).toEqual({ 'm.C.test_x': 'pass', 'm.C.test_y': 'fail' });
  });
  it('gives no names when more tests are listed than ran (the code under test printed a listing line)', () => {
    const forged = [
      'test_new (m.C.test_new) ... ok',
      'test_x (m.C.test_x) ... FAIL',
      'FAIL: test_x (m.C.test_x)',
      'Ran 1 test in 0.001s',
      'FAILED (failures=1)',
    ];
    expect(readUnittestTests(forged.join('\n'))).toBeUndefined();
  });
});

describe('readPytestTests', () => {
  it('names each test by its node id; a module that failed to collect is one failed test', () => {
    expect(asObject(readPytestTests(read('pytest9-v.txt')))).toEqual({
      'tests/test_a.py::TestK::test_m': 'pass',
      'tests/test_a.py::test_err': 'fail',
      'tests/test_a.py::test_fail': 'fail',
      'tests/test_a.py::test_ok': 'pass',
      'tests/test_a.py::test_p[a b]': 'pass',
      'tests/test_a.py::test_p[c]': 'pass',
      'tests/test_a.py::test_skip': 'skip',
      'tests/test_a.py::test_xf': 'pass',
      'tests/test_b.py': 'fail',
    });
  });
  it('never reads a listing line printed inside the FAILURES section', () => {
    const text = read('pytest9-v.txt').replace('=== FAILURES ===', '=== FAILURES ===\ntests/test_a.py::test_new PASSED');
    expect(readPytestTests(text)?.has('tests/test_a.py::test_new')).toBe(false);
  });
});

describe('readJestJson', () => {
  it('names each test by file, suites and title; a file that failed to load is one failed test', () => {
    const report = readJestJson(read('vitest41-json.txt'));
    expect(asObject(report?.verdicts)).toEqual({
      '/tmp/vt/tests/a.test.ts > grp > one': 'pass',
      '/tmp/vt/tests/a.test.ts > grp > two': 'fail',
      '/tmp/vt/tests/a.test.ts > sk': 'skip',
      '/tmp/vt/tests/b.test.ts': 'fail',
    });
    expect({ total: report?.total, passed: report?.passed, failed: report?.failed }).toEqual({ total: 4, passed: 1, failed: 2 });
  });
});

describe('readJestJson on the indented report of older vitest', () => {
  it('reads a report printed over many lines', () => {
    const report = JSON.stringify(
      { testResults: [{ name: '/w/a.test.ts', assertionResults: [{ ancestorTitles: [], title: 'x', status: 'passed' }] }] },
      null,
      2,
    );
    expect(asObject(readJestJson(`RUN  v0.34.6 /w\n${report}\n`)?.verdicts)).toEqual({ '/w/a.test.ts > x': 'pass' });
  });
});

describe('parseMocha', () => {
  it('names each test by file and full title from the json report, past what a test printed first', () => {
    const counts = parseMocha(read('mocha10-json.txt'));
    expect(asObject(counts?.verdicts)).toEqual({
      '/w/test/a.test.js > grp one': 'pass',
      '/w/test/a.test.js > grp two': 'fail',
      '/w/test/a.test.js > sk': 'skip',
    });
    expect({ total: counts?.total, passed: counts?.passed, failed: counts?.failed }).toEqual({ total: 3, passed: 1, failed: 1 });
  });
  it('gives no report when mocha printed none (a test file failed to load)', () => {
    expect(parseMocha('\n Exception during run: Error: Cannot find module')).toBeNull();
  });
});

describe('scoreTestReport verdicts', () => {
  it('vitest scores the json report when the command printed one', () => {
    const scored = scoreTestReport('vitest', { stdout: read('vitest41-json.txt'), stderr: '', exitCode: 1 });
    expect(scored.counts?.verdicts?.get('/tmp/vt/tests/a.test.ts > grp > one')).toBe('pass');
  });
  it('an exit-code task has one test, the exit code', () => {
    expect(scoreTestReport('exit-code', { stdout: '', stderr: '', exitCode: 0 }).counts?.verdicts?.get(EXIT_CODE_TEST)).toBe('pass');
    expect(scoreTestReport('exit-code', { stdout: '', stderr: '', exitCode: 2 }).counts?.verdicts?.get(EXIT_CODE_TEST)).toBe('fail');
  });
  it('unittest names come from stderr, pytest names from stdout', () => {
    expect(scoreTestReport('unittest', { stdout: '', stderr: read('python311-unittest-v.txt'), exitCode: 1 }).counts?.verdicts?.size).toBe(
      9,
    );
    expect(scoreTestReport('pytest', { stdout: read('pytest9-v.txt'), stderr: '', exitCode: 1 }).counts?.verdicts?.size).toBe(9);
  });
});
