// The bug report of a synthesized task: the failing tests and what they said, the file to fix, and never the fix.
import { describe, expect, it } from 'vitest';
import { applyMutation, readMutatedLines } from './mutation.js';
import { writeBugReport } from './write-bug-report.js';

const ORIGINAL = Buffer.from('def bump(version):\n    parts = version.split(".")\n    return int(parts[0]) + 1\n');
const MUTATION = { start: ORIGINAL.indexOf('+'), end: ORIGINAL.indexOf('+') + 1, replacement: '-', path: 'semver.py' };
const MUTATED = applyMutation(ORIGINAL, MUTATION);
const HIDDEN = [
  ...readMutatedLines(ORIGINAL, MUTATION),
  ...readMutatedLines(MUTATED, { start: MUTATION.start, end: MUTATION.start + MUTATION.replacement.length }),
];

const report = writeBugReport({
  path: 'semver.py',
  failing: ['tests/test_bump.py::test_bump_major', 'tests/test_bump.py::test_bump_twice'],
  passing: 12,
  messages: [
    {
      name: 'tests/test_bump.py::test_bump_major',
      // pytest quotes the line that failed, which here is the mutated line, and a traceback may quote the original.
      lines: [
        'AssertionError: assert 0 == 2',
        '>       return int(parts[0]) - 1',
        'was:    return int(parts[0]) + 1',
        'E   where 0 = bump("1.0.0")',
      ],
    },
    { name: 'test_bump_twice', lines: ['AssertionError: assert -1 == 3'] },
  ],
  excluded: [],
  hidden: HIDDEN,
});

describe('writeBugReport', () => {
  it('never contains the original line or the mutated one, even where a message quotes them', () => {
    expect(HIDDEN).toEqual(['    return int(parts[0]) + 1', '    return int(parts[0]) - 1']);
    expect(report.spec).not.toContain('int(parts[0]) + 1');
    expect(report.spec).not.toContain('int(parts[0]) - 1');
    expect(report.title).not.toMatch(/operator|\+|-1/);
  });

  it('lists each failing test with what it said, matched by name or by its last part, and names the file to fix', () => {
    expect(report.title).toBe('test_bump_major and 1 more test fail');
    expect(report.spec).toContain('Now 2 tests fail, while the other 12 still pass.');
    expect(report.spec).toContain(
      '- `tests/test_bump.py::test_bump_major`\n  ```text\n  AssertionError: assert 0 == 2\n  E   where 0 = bump("1.0.0")\n  ```',
    );
    expect(report.spec).toContain('- `tests/test_bump.py::test_bump_twice`\n  ```text\n  AssertionError: assert -1 == 3\n  ```');
    expect(report.spec).toContain('Find the bug in `semver.py` and fix it there: change only that file.');
  });

  it('counts the failing tests past the first ten instead of listing them', () => {
    const many = writeBugReport({
      path: 'x.go',
      failing: Array.from({ length: 13 }, (_, i) => `pkg::Test${i}`),
      passing: 0,
      messages: [],
      excluded: [],
      hidden: [],
    });
    expect(many.spec).toContain('- `pkg::Test9`\n- and 3 more');
    expect(many.spec).not.toContain('Test10');
    expect(many.title).toBe('Test0 and 12 more tests fail');
  });
});

describe('writeBugReport after a crash', () => {
  it('lists the tests that said something first and says why the others are silent', () => {
    const crash = writeBugReport({
      path: 'version.go',
      failing: ['pkg::TestAfter', 'pkg::TestCrash'],
      passing: 3,
      messages: [{ name: 'pkg::TestCrash', lines: ['panic: runtime error: index out of range'] }],
      excluded: [],
      hidden: [],
    });
    expect(crash.title).toBe('TestCrash and 1 more test fail');
    expect(crash.spec.indexOf('pkg::TestCrash')).toBeLessThan(crash.spec.indexOf('pkg::TestAfter'));
    expect(crash.spec).toContain('A test listed without output printed nothing of its own');
    expect(report.spec).not.toContain('printed nothing of its own');
  });
});

describe('writeBugReport when a test module does not load', () => {
  it("shows the error reported outside any test, so the failing tests' silence is explained", () => {
    const broken = writeBugReport({
      path: 'src/semver/version.py',
      failing: ['tests/test_bump.py::test_bump', 'tests/test_format.py::test_str'],
      passing: 0,
      messages: [{ name: 'tests/test_format.py', lines: ["NameError: name 'version_parts' is not defined"] }],
      excluded: [],
      hidden: ['version_parts = {"major": int(major)}'],
    });
    expect(broken.spec).toContain(
      "Reported outside any single test:\n\n- `tests/test_format.py`\n  ```text\n  NameError: name 'version_parts' is not defined\n  ```",
    );
    expect(broken.spec).toContain('printed nothing of its own');
  });
});

describe('writeBugReport with tests that fail on the original code too', () => {
  // path-to-regexp: vitest reports its data module src/cases.spec.ts as a failed suite on the original and on every
  // mutation; each of its tasks listed that failure and then asked that "no other test fails".
  const aside = writeBugReport({
    path: 'src/index.ts',
    failing: ['src/index.spec.ts > parse > escapes'],
    passing: 40,
    messages: [
      { name: 'src/index.spec.ts > parse > escapes', lines: ['AssertionError: expected [] to deeply equal [ "a" ]'] },
      { name: 'src/cases.spec.ts', lines: ['Error: No test suite found in file src/cases.spec.ts'] },
    ],
    excluded: ['src/cases.spec.ts'],
    hidden: [],
  });

  it('reports no failure of theirs as the bug', () => {
    expect(aside.spec).not.toContain('No test suite found');
    expect(aside.spec).not.toContain('Reported outside any single test');
  });

  it('names them as no part of the task, and asks no fix of them', () => {
    expect(aside.spec).toContain(
      'The test suite used to pass, but for 1 test that fails without the bug too and is no part of this task: `src/cases.spec.ts`. Now 1 test fails, while the other 40 still pass.',
    );
    expect(aside.spec).toContain('every test listed above passes and no other test fails (but those named at the top).');
  });
});
