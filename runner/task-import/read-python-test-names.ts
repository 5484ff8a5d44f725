// Which Python files are test modules by the repository's own pytest configuration, beyond the common names; pure.
import { posix } from 'node:path';
import { findPytestConfig, readPytestOption } from './read-pytest-config.js';
import type { RepoView } from './repo-view.js';

/** Whether a Python path is a test module by the repository's own rules (added to classify-path.ts's common names). */
export type PythonTestRule = (path: string) => boolean;

/**
 * fnmatch as pytest applies it (`fnmatch_ex`): a pattern without a `/` matches the file name, one with a `/` the path's
 * end; `*` and `?` match within and across folders alike, `[seq]` one of its characters, a `[` with no `]` itself.
 */
function compileGlob(glob: string): (path: string) => boolean {
  const body = glob.replace(/\[!?[^\]]*\]|[*?]|\[|[^*?[]+/g, (part) => {
    if (part === '*') return '.*';
    if (part === '?') return '.';
    if (part.length > 1 && part.startsWith('[')) return part.startsWith('[!') ? `[^${part.slice(2)}` : part;
    return part.replace(/[.+^${}()|[\\\]]/g, '\\$&');
  });
  const pattern = new RegExp(glob.includes('/') ? `(?:^|/)${body}$` : `^${body}$`);
  return (path) => pattern.test(glob.includes('/') ? path : posix.basename(path));
}

/**
 * The repository's own test modules: pytest's `python_files` from the configuration pytest would read, under its
 * `testpaths` when it names them (`python_files = *.py` with `testpaths = tests` makes every file under tests/ a test,
 * never the package's source); a `*.py` glob with no `testpaths` is ignored, since it would make all source tests.
 * Always `conftest.py` (pytest loads it as the tests' plugin) and `tests.py` (Django's and pytest-django's
 * `app/tests.py`). unittest's own `test*.py` is not taken whole: it would make a public `pkg/testing.py` a test.
 */
export function readPythonTestRule(repo: RepoView): PythonTestRule {
  const config = findPytestConfig(repo);
  const read = (key: string) => (config === undefined ? [] : (readPytestOption(config.section, key)?.split(/\s+/) ?? []));
  const testpaths = read('testpaths')
    .filter((dir) => dir !== '')
    .map((dir) => dir.replace(/^\.\//, '').replace(/\/+$/, ''));
  const own = read('python_files')
    .filter((glob) => glob !== '' && (testpaths.length > 0 || !/^\*+\.py$/.test(glob)))
    .map(compileGlob);
  const under = (path: string) => testpaths.length === 0 || testpaths.some((dir) => dir === '.' || path.startsWith(`${dir}/`));
  return (path) => {
    const name = posix.basename(path);
    return name === 'conftest.py' || name === 'tests.py' || (under(path) && own.some((matches) => matches(path)));
  };
}
