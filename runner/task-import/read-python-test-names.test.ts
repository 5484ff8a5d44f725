// readPythonTestRule and classifyPath: a Python file is a test by the repository's own rules too, never fewer.
import { describe, expect, it } from 'vitest';
import { classifyPath } from './classify-path.js';
import { judgeChange } from './judge-change.js';
import { readPytestOption } from './read-pytest-config.js';
import { readPythonTestRule } from './read-python-test-names.js';

const view = (files: Record<string, string>) => ({ paths: new Set(Object.keys(files)), read: (path: string) => files[path] });
const changed = (path: string) => ({ path, status: 'M', oldMode: '100644', newMode: '100644', added: 3, deleted: 1, bytes: 200 });

describe('readPythonTestRule', () => {
  it("takes pytest's python_files from pytest.ini, continued lines included", () => {
    const rule = readPythonTestRule(view({ 'pytest.ini': '[pytest]\npython_files =\n    check_*.py\n    *_checks.py\n' }));
    expect(['check_calc.py', 'pkg/string_checks.py', 'calc.py'].map(rule)).toEqual([true, true, false]);
  });
  it("reads a pyproject array, pytest 9's [tool.pytest] table, setup.cfg's colon form and a TOML comment", () => {
    const toml = '[tool.pytest.ini_options]\npython_files = ["spec_*.py", "test_*.py"]\n';
    expect(['spec_views.py', 'app/views.py'].map(readPythonTestRule(view({ 'pyproject.toml': toml })))).toEqual([true, false]);
    expect(readPythonTestRule(view({ 'pyproject.toml': '[tool.pytest]\npython_files = "t_*.py"  # ours\n' }))('t_a.py')).toBe(true);
    expect(readPythonTestRule(view({ 'setup.cfg': '[tool:pytest]\npython_files: t?.py\n' }))('t1.py')).toBe(true);
    expect(readPytestOption('[pytest]\npython_files = "x_*.py"  # ours\n', 'python_files')).toBe('x_*.py');
  });
  it("counts Django's tests.py and every conftest.py, never unittest's whole test*.py (a public testing.py)", () => {
    const rule = readPythonTestRule(view({ 'setup.py': '' }));
    expect(['app/tests.py', 'conftest.py', 'pkg/testing.py', 'testutils.py'].map(rule)).toEqual([true, true, false, false]);
  });
  it('applies python_files under testpaths only, and ignores *.py without testpaths (all source would be tests)', () => {
    const scoped = readPythonTestRule(
      view({ 'pyproject.toml': '[tool.pytest.ini_options]\ntestpaths = ["tests"]\npython_files = "*.py"\n' }),
    );
    expect(['tests/fingerprints/ecfp.py', 'skfp/fingerprints/ecfp.py'].map(scoped)).toEqual([true, false]);
    expect(readPythonTestRule(view({ 'pytest.ini': '[pytest]\npython_files = *.py\n' }))('pkg/core.py')).toBe(false);
  });
  it('matches a pattern with a folder against the path, and reads a lone [ as itself', () => {
    expect(readPythonTestRule(view({ 'pytest.ini': '[pytest]\npython_files = checks/*.py\n' }))('src/checks/a.py')).toBe(true);
    expect(readPythonTestRule(view({ 'pytest.ini': '[pytest]\npython_files = test[.py\n' }))('test[.py')).toBe(true);
  });
});

describe("classifyPath and judgeChange with the repository's rule", () => {
  const rule = readPythonTestRule(view({ 'pytest.ini': '[pytest]\npython_files = check_*.py\n' }));
  it('adds to the common names, never takes them away', () => {
    expect(classifyPath('check_calc.py', { python: rule })).toBe('test');
    expect(classifyPath('yapftests/reformatter_test.py', { python: rule })).toBe('test');
    expect(classifyPath('test_calc.py', { python: rule })).toBe('test');
    expect(classifyPath('calc.py', { python: rule })).toBe('source');
    expect(classifyPath('check_calc.py')).toBe('source');
  });
  it('makes a change to check_calc.py and calc.py a task (it was "no tests changed")', () => {
    const files = [changed('calc.py'), changed('check_calc.py')];
    expect(judgeChange(files)).toEqual({ ok: false, reason: 'no tests changed' });
    const verdict = judgeChange(files, undefined, undefined, { python: rule });
    expect(verdict.ok && verdict.tests.map((file) => file.path)).toEqual(['check_calc.py']);
  });
});
