// Which Python files are test modules by the repository's own runner: pytest's `python_files`, or unittest's pattern; pure.
import { posix } from 'node:path';
import { findPytestConfig, readPytestOption, usesPytest } from './read-pytest-config.js';
import type { RepoView } from './repo-view.js';

/** pytest's default `python_files` (https://docs.pytest.org/en/stable/reference/reference.html#confval-python_files). */
const PYTEST_DEFAULT = ['test_*.py', '*_test.py'];
/** `python -m unittest discover`'s default `-p` pattern: Django's `app/tests.py` is a test module by it. */
const UNITTEST_DEFAULT = ['test*.py'];

/** A Python path's test-ness by name, as the repository's runner collects it. */
export type PythonTestRule = (path: string) => boolean;

/**
 * fnmatch as pytest applies it (`fnmatch_ex`): a pattern without a `/` matches the file name, one with a `/` the path's
 * end; `*` and `?` match within and across folders alike, `[seq]` one of its characters.
 */
function compileGlob(glob: string): (path: string) => boolean {
  const body = glob.replace(/\[!?[^\]]*\]|[*?]|[^*?[]+/g, (part) => {
    if (part === '*') return '.*';
    if (part === '?') return '.';
    if (part.startsWith('[')) return part.startsWith('[!') ? `[^${part.slice(2)}` : part;
    return part.replace(/[.+^${}()|\\\]]/g, '\\$&');
  });
  const pattern = new RegExp(glob.includes('/') ? `(?:^|/)${body}$` : `^${body}$`);
  return (path) => pattern.test(glob.includes('/') ? path : posix.basename(path));
}

/**
 * The rule from the tree's configuration: pytest's `python_files` where pytest is configured (its defaults when the
 * option is absent), else unittest discovery's `test*.py`. A `conftest.py` is always the tests' own (pytest loads it
 * as a plugin of the tests beside and below it).
 */
export function readPythonTestRule(repo: RepoView): PythonTestRule {
  const pytest = usesPytest(repo);
  const config = pytest ? findPytestConfig(repo) : undefined;
  const option = config === undefined ? undefined : readPytestOption(config.section, 'python_files');
  const globs = option?.split(/\s+/).filter((glob) => glob !== '') ?? (pytest ? PYTEST_DEFAULT : UNITTEST_DEFAULT);
  const matchers = globs.map(compileGlob);
  return (path) => posix.basename(path) === 'conftest.py' || matchers.some((matches) => matches(path));
}

/** The files the rule reads, to fetch at a commit before judging its changes. */
export const PYTHON_TEST_CONFIG = ['pytest.ini', '.pytest.ini', 'pyproject.toml', 'tox.ini', 'setup.cfg'];
