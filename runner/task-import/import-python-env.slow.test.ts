// tasks import of Python packages laid out as their tests expect to be installed: a src/ layout whose tests read the
// package's metadata, and tests inside the package with no pytest configuration file; verified in bubblewrap.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allowSkip } from '../../kernel/index.js';
import { buildIsolationPlan, probeBwrap } from '../isolation/resolve-isolation.js';
import { removeScratch } from '../test-fixtures/remove-scratch.js';
import { importTasks } from './import-tasks.js';
import { DEFAULT_LIMITS } from './judge-change.js';
import { buildRepo, type NativeCommit } from './test-fixtures/native-repos.js';
import { verifyImportedTask } from './verify-imported-task.js';

const parent = mkdtempSync(join(tmpdir(), 'import-python-env-'));
chmodSync(parent, 0o755); // the sandbox's uid (65534 under a root runner) must reach the task folders
afterAll(() => removeScratch(parent));

const plan = buildIsolationPlan({ commands: [], dataDir: join(parent, 'data'), env: process.env });
const skipped = allowSkip(existsSync('/usr/bin/bwrap') ? probeBwrap(plan) : 'bwrap is not installed');

const PYPROJECT =
  '[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "calc"\nversion = "0.3.1"\n';

/** A src/ layout: the package imports only from src/, and its version is its installed metadata's. */
const SRC_LAYOUT: NativeCommit[] = [
  {
    message: 'Start',
    write: {
      'pyproject.toml': PYPROJECT,
      'src/calc/__init__.py':
        'from importlib.metadata import version\n\n__version__ = version("calc")\n\n\ndef add(a, b):\n    return a + b\n',
      'tests/test_add.py': 'import calc\n\n\ndef test_add():\n    assert calc.add(1, 2) == 3\n',
    },
  },
  {
    message: 'Add sub, which subtracts the second number from the first',
    write: {
      'src/calc/__init__.py':
        'from importlib.metadata import version\n\n__version__ = version("calc")\n\n\ndef add(a, b):\n    return a + b\n\n\ndef sub(a, b):\n    return a - b\n',
      'tests/test_sub.py':
        'import calc\n\n\ndef test_sub():\n    assert calc.sub(5, 2) == 3\n\n\ndef test_version():\n    assert calc.__version__ == "0.3.1"\n',
    },
  },
];

/** Tests inside the package, pytest's by their use of it alone: no pytest.ini, no conftest.py, no [tool.pytest]. */
const IN_PACKAGE: NativeCommit[] = [
  {
    message: 'Start',
    write: {
      'setup.py': 'from setuptools import setup\n\nsetup(name="units", version="1.0", packages=["units", "units.tests"])\n',
      'units/__init__.py': 'def parse(text):\n    return int(text)\n',
      'units/tests/__init__.py': '',
      'units/tests/test_parse.py': 'from units import parse\n\n\ndef test_parse():\n    assert parse("3") == 3\n',
    },
  },
  {
    message: 'Refuse an empty amount: parse raises ValueError saying "empty amount" instead of int\'s own error',
    write: {
      'units/__init__.py': 'def parse(text):\n    if text.strip() == "":\n        raise ValueError("empty amount")\n    return int(text)\n',
      'units/tests/test_empty.py':
        'import pytest\n\nfrom units import parse\n\n\ndef test_empty():\n    with pytest.raises(ValueError, match="empty amount"):\n        parse(" ")\n',
    },
  },
];

async function importHistory(name: string, commits: NativeCommit[]) {
  const root = join(parent, name);
  await buildRepo(join(root, 'repo'), commits);
  mkdirSync(join(root, 'boxes'), { recursive: true });
  const options = {
    isolation: plan,
    parentDir: join(root, 'boxes'),
    setupCacheDir: join(root, 'setup'),
    reruns: { solution: 1, fixture: 1 },
  };
  const summary = await importTasks({
    repo: join(root, 'repo'),
    out: join(root, 'bank'),
    max: 5,
    jobs: 1,
    limits: DEFAULT_LIMITS,
    verify: (dir, meta, extra) => verifyImportedTask(dir, meta, { ...options, signal: extra?.signal }),
  });
  const bank = join(root, 'bank');
  const tasks = readdirSync(bank).filter((entry) => !entry.startsWith('.'));
  const metas = tasks.map((task) => JSON.parse(readFileSync(join(bank, task, 'task.json'), 'utf8')));
  return { summary, metas, setups: existsSync(join(root, 'setup')) ? readdirSync(join(root, 'setup')) : [] };
}

describe.skipIf(skipped !== null)(`tasks import of Python packages${skipped ? ` (skipped: ${skipped})` : ''}`, () => {
  // Before, the tests ran under unittest from the root: src/calc did not import, and no metadata said calc's version.
  it('keeps a src/ layout change whose tests read the package metadata: the task declares the environment its set-up made', async () => {
    const { summary, metas, setups } = await importHistory('src-layout', SRC_LAYOUT);
    expect(summary.rejected.map((entry) => entry.reason)).toEqual([expect.stringContaining('root commit')]);
    expect(metas).toHaveLength(1);
    expect(metas[0].test).toMatchObject({ report: 'pytest', env: { PYTHONPATH: 'src:.pyenv' } });
    expect(metas[0].test.setup.slice(0, 2)).toEqual(['python3', '-c']);
    expect(metas[0].fail_to_pass).toEqual(['tests/test_sub.py::test_sub']);
    // One environment for the candidate's fixture and solution runs: the manifests did not change.
    expect(setups.filter((entry) => entry.startsWith('setup-') && !entry.includes('staging'))).toHaveLength(1);
  });

  it('keeps a change whose in-package tests use pytest with no configuration file naming it', async () => {
    const { summary, metas } = await importHistory('in-package', IN_PACKAGE);
    expect(summary.rejected.map((entry) => entry.reason)).toEqual([expect.stringContaining('root commit')]);
    expect(metas).toHaveLength(1);
    expect(metas[0].test).toMatchObject({ report: 'pytest', env: { PYTHONPATH: '.pyenv' } });
    expect(metas[0].fail_to_pass).toEqual(['units/tests/test_empty.py::test_empty']);
  });
});
