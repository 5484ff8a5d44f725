// buildPytestOptions: the repository's own pytest configuration, read by any pytest, without pytest-cov's options.
import { describe, expect, it } from 'vitest';
import { buildPytestOptions, readPytestOption } from './read-pytest-config.js';

const view = (files: Record<string, string>) => ({ paths: new Set(Object.keys(files)), read: (path: string) => files[path] });

/** python-semver's .pytest.ini since 6208a54 (2024-11-04). */
const SEMVER_INI = `[pytest]
norecursedirs = .git build .env/ env/ .pyenv/ .tmp/ .eggs/ venv/
testpaths = tests docs
pythonpath = src tests
filterwarnings =
    ignore:Function 'semver.*:DeprecationWarning
    # ' <- This apostroph is just to fix syntax highlighting
addopts =
    --import-mode=importlib
    --no-cov-on-fail
    --cov=semver
    --cov-report=term-missing
    --doctest-glob='*.rst'
    --doctest-modules
    --doctest-report ndiff
`;

describe('buildPytestOptions', () => {
  it("reads python-semver's .pytest.ini with -c (pytest before 8.1 ignores it) and drops pytest-cov's options", () => {
    expect(buildPytestOptions(view({ '.pytest.ini': SEMVER_INI, 'setup.cfg': '[flake8]\n' }))).toEqual([
      '-c',
      '.pytest.ini',
      '-o',
      "addopts=--import-mode=importlib --doctest-glob='*.rst' --doctest-modules --doctest-report ndiff",
    ]);
  });
  it('takes the first configuration pytest would, and adds nothing when no option needs dropping', () => {
    expect(buildPytestOptions(view({ 'pytest.ini': '[pytest]\naddopts = -ra\n', '.pytest.ini': SEMVER_INI }))).toEqual([]);
    expect(buildPytestOptions(view({ 'setup.cfg': '[metadata]\nname = x\n' }))).toEqual([]);
    expect(
      buildPytestOptions(view({ 'setup.cfg': '[tool:pytest]\naddopts = --cov semver --cov-report term -q\n\n[flake8]\nx = 1\n' })),
    ).toEqual(['-o', 'addopts=-q']);
  });
  it('reads a TOML addopts string or array', () => {
    expect(readPytestOption('[tool.pytest.ini_options]\naddopts = "--cov=calc -q"\n', 'addopts')).toBe('--cov=calc -q');
    expect(readPytestOption('[tool.pytest.ini_options]\naddopts = [\n  "--strict-markers",\n  "--cov=x",\n]\n', 'addopts')).toBe(
      '--strict-markers --cov=x',
    );
  });
});
