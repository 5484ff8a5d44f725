// readPythonTestRule and classifyPath: a Python file is a test by the repository's runner's own rule, not a fixed layout.
import { describe, expect, it } from 'vitest';
import { classifyPath } from './classify-path.js';
import { judgeChange } from './judge-change.js';
import { readPythonTestRule } from './read-python-test-names.js';

const view = (files: Record<string, string>) => ({ paths: new Set(Object.keys(files)), read: (path: string) => files[path] });
const changed = (path: string) => ({ path, status: 'M', oldMode: '100644', newMode: '100644', added: 3, deleted: 1, bytes: 200 });

describe('readPythonTestRule', () => {
  it("takes pytest's python_files from pytest.ini, continued lines included, in place of the defaults", () => {
    const rule = readPythonTestRule(view({ 'pytest.ini': '[pytest]\npython_files =\n    check_*.py\n    *_checks.py\n' }));
    expect(['check_calc.py', 'pkg/string_checks.py'].map(rule)).toEqual([true, true]);
    expect(['test_calc.py', 'calc_test.py', 'calc.py'].map(rule)).toEqual([false, false, false]);
  });
  it("reads a pyproject array, pytest 9's [tool.pytest] table and setup.cfg's [tool:pytest]", () => {
    const toml = '[tool.pytest.ini_options]\npython_files = ["tests.py", "test_*.py"]\n';
    expect(['app/tests.py', 'app/test_views.py', 'app/views.py'].map(readPythonTestRule(view({ 'pyproject.toml': toml })))).toEqual([
      true,
      true,
      false,
    ]);
    expect(readPythonTestRule(view({ 'pyproject.toml': '[tool.pytest]\npython_files = ["spec_*.py"]\n' }))('spec_a.py')).toBe(true);
    expect(readPythonTestRule(view({ 'setup.cfg': '[tool:pytest]\npython_files = t?.py\n' }))('t1.py')).toBe(true);
  });
  it("keeps pytest's defaults where pytest is configured without python_files, or a conftest.py is the only sign", () => {
    const rule = readPythonTestRule(view({ 'tests/conftest.py': '', 'tox.ini': '[tox]\nenvlist = py3\n' }));
    expect(['test_a.py', 'a_test.py', 'tests.py', 'testing.py'].map(rule)).toEqual([true, true, false, false]);
  });
  it("uses unittest discovery's test*.py where no pytest is configured (Django's app/tests.py)", () => {
    const rule = readPythonTestRule(view({ 'setup.py': '', 'app/models.py': '' }));
    expect(['app/tests.py', 'test_a.py', 'app/models.py', 'a_test.py'].map(rule)).toEqual([true, true, false, false]);
  });
  it("counts every conftest.py as the tests' own, and matches a pattern with a folder against the path", () => {
    const rule = readPythonTestRule(view({ 'pytest.ini': '[pytest]\npython_files = checks/*.py\n' }));
    expect(['conftest.py', 'src/checks/a.py', 'checks.py'].map(rule)).toEqual([true, true, false]);
  });
});

describe("classifyPath and judgeChange with the repository's rule", () => {
  const rule = readPythonTestRule(view({ 'pytest.ini': '[pytest]\npython_files = check_*.py\n' }));
  it('classifies by the rule for .py files only, test folders still counting', () => {
    expect(classifyPath('check_calc.py', { python: rule })).toBe('test');
    expect(classifyPath('test_calc.py', { python: rule })).toBe('source');
    expect(classifyPath('tests/helpers.py', { python: rule })).toBe('test');
    expect(classifyPath('src/calc.test.ts', { python: rule })).toBe('test');
    // Without a rule: the common defaults, as before.
    expect(classifyPath('check_calc.py')).toBe('source');
    expect(classifyPath('test_calc.py')).toBe('test');
  });
  it('makes a change to check_calc.py and calc.py a task (it was "no tests changed")', () => {
    const files = [changed('calc.py'), changed('check_calc.py')];
    expect(judgeChange(files)).toEqual({ ok: false, reason: 'no tests changed' });
    const verdict = judgeChange(files, undefined, undefined, { python: rule });
    expect(verdict.ok && verdict.tests.map((file) => file.path)).toEqual(['check_calc.py']);
  });
});
