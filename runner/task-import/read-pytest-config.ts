// Reads a repository's pytest configuration so the hidden tests run with its test path on any pytest; pure.
import { parseArgsStringToArgv } from 'string-argv';
import type { RepoView } from './repo-view.js';

/** Where pytest looks for its configuration, in its own order (pytest 8.1+; https://docs.pytest.org/en/stable/reference/customize.html). */
const CONFIG_FILES: Array<[path: string, section: RegExp]> = [
  ['pytest.ini', /^\[pytest\]/m],
  ['.pytest.ini', /^\[pytest\]/m],
  ['pyproject.toml', /^\[tool\.pytest(?:\.ini_options)?\]/m], // [tool.pytest] is pytest 9's native TOML table
  ['tox.ini', /^\[pytest\]/m],
  ['setup.cfg', /^\[tool:pytest\]/m],
];

/**
 * Whether the repository runs pytest rather than unittest: a pytest configuration, a conftest.py anywhere, or hidden
 * tests that use it. A package that keeps its tests inside itself with no configuration file (`pkg/tests/test_x.py`
 * with `import pytest` and bare `def test_x():` functions) ran under unittest, which finds no test there: 0 of 22
 * candidates of one such repository were kept.
 */
export function usesPytest(repo: RepoView, testPaths: readonly string[] = []): boolean {
  if ([...repo.paths].some((path) => path === 'conftest.py' || path.endsWith('/conftest.py'))) return true;
  if (findPytestConfig(repo) !== undefined) return true;
  return testPaths.some((path) => path.endsWith('.py') && readsAsPytest(repo.read(path) ?? ''));
}

/** `import pytest`, `from pytest import`, `from _pytest`: a module that needs pytest to load at all. */
const IMPORTS_PYTEST = /^\s*(?:import\s+pytest\b|from\s+_?pytest\b)/m;
/**
 * A test function at a module's top level: unittest collects only the methods of a TestCase (indented), so such a
 * function, with fixtures as arguments or none, is pytest's alone.
 */
const MODULE_TEST_FUNCTION = /^(?:async\s+)?def\s+test\w*\s*\(/m;

/** A test file that only pytest runs. */
function readsAsPytest(text: string): boolean {
  return IMPORTS_PYTEST.test(text) || MODULE_TEST_FUNCTION.test(text);
}

/** The files pytest reads its configuration from, in its order: what to fetch at a commit before reading it. */
export const PYTEST_CONFIG_FILES = CONFIG_FILES.map(([path]) => path);

/** The configuration file pytest would read at the repository's root, with its section's text; undefined when none. */
export function findPytestConfig(repo: RepoView): { path: string; section: string } | undefined {
  for (const [path, header] of CONFIG_FILES) {
    const text = repo.read(path);
    // pytest.ini counts even without a [pytest] section (pytest's own rule); the others only with theirs.
    if (text === undefined || (path !== 'pytest.ini' && !header.test(text))) continue;
    const start = header.exec(text)?.index ?? 0;
    const rest = text.slice(start);
    const next = /^\[/m.exec(rest.slice(1));
    return { path, section: next ? rest.slice(0, next.index + 1) : rest };
  }
  return undefined;
}

/**
 * An ini or TOML option's value (`addopts`, `python_files`): a string (continued on indented lines) or a TOML array of
 * strings, joined by spaces.
 */
export function readPytestOption(section: string, key: string): string | undefined {
  const lines = section.split(/\r?\n/);
  // iniconfig, pytest's ini reader, takes `key: value` as well as `key = value`.
  const start = new RegExp(`^${key}\\s*[=:]\\s*`);
  const at = lines.findIndex((line) => start.test(line));
  if (at < 0) return undefined;
  const first = (lines[at] as string).replace(start, '');
  if (first.startsWith('[')) {
    let text = first;
    for (let i = at + 1; i < lines.length && !text.includes(']'); i += 1) text += ` ${lines[i]}`;
    return [...text.matchAll(/"((?:\\.|[^"\\])*)"|'([^']*)'/g)].map((match) => match[1] ?? match[2]).join(' ');
  }
  // A TOML string, a comment after it left out (`python_files = "check_*.py"  # ours`).
  const quoted = /^"((?:\\.|[^"\\])*)"|^'([^']*)'/.exec(first);
  if (quoted) return quoted[1] ?? quoted[2];
  const continued = [first];
  for (let i = at + 1; i < lines.length && /^\s+\S/.test(lines[i] as string); i += 1) {
    const line = (lines[i] as string).trim();
    if (!line.startsWith('#') && !line.startsWith(';')) continued.push(line);
  }
  return continued.join(' ').trim();
}

/** pytest-cov's options: they change what is measured, never a test's verdict, and fail the run when the plugin is missing. */
const COVERAGE = /^--(?:no-)?cov(?:-[\w-]+)?(?:=|$)/;
const COVERAGE_WITH_VALUE = new Set(['--cov', '--cov-report', '--cov-config', '--cov-fail-under', '--cov-context']);

/**
 * Options that make the sandbox's pytest run the tests as the repository configured them:
 * `-c .pytest.ini` where that file is the configuration (pytest reads it only from 8.1 on; python-semver's
 * `pythonpath = src tests`, which puts its own `tests/coerce.py` on the path, lives there), and the configuration's
 * `addopts` less pytest-cov's options, when it has any (`-o addopts=...`).
 */
export function buildPytestOptions(repo: RepoView): string[] {
  const config = findPytestConfig(repo);
  if (config === undefined) return [];
  const options = config.path === '.pytest.ini' ? ['-c', '.pytest.ini'] : [];
  const addopts = readPytestOption(config.section, 'addopts');
  if (addopts === undefined) return options;
  const tokens = parseArgsStringToArgv(addopts);
  const kept = tokens.filter((token, at) => {
    if (COVERAGE.test(token)) return false;
    const previous = tokens[at - 1] ?? '';
    return !(COVERAGE_WITH_VALUE.has(previous) && !token.startsWith('-'));
  });
  if (kept.length === tokens.length) return options;
  const quoted = kept.map((token) => (/\s/.test(token) && !token.includes("'") ? `'${token}'` : token));
  return [...options, '-o', `addopts=${quoted.join(' ')}`];
}
