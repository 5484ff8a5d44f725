// A Python repository's environment as its tests expect it: its package's metadata installed, its source roots on the path.
import type { RepoView } from './repo-view.js';

/** The set-up's folder in the work folder: the package's `*.dist-info` (what an editable install adds besides a path). */
export const PYTHON_ENV_DIR = '.pyenv';

/**
 * Run by the sandbox's python3 in the set-up's copy of the fixture, with no network: pip builds the package's
 * metadata with the back end already installed (`--no-build-isolation --no-index --no-deps`, in a copy, so no
 * `build/` or `*.egg-info` lands in the tree), and only the `*.dist-info` is kept: the code is imported from the work
 * folder itself, so the agent's edits are what the tests load, as under `pip install -e .`. When the back end is not
 * installed (hatchling, flit_core, poetry-core are not Debian's python3 defaults), the metadata is written from
 * pyproject.toml's own `[project]` (or `[tool.poetry]`) table. With neither (a Django project's empty `setup.py`),
 * the set-up says which back end and build requirements are missing and the tests run without the metadata: a test
 * that reads it fails on its own, which the import's check of each task sees. Dependencies are not installed
 * (nothing reaches an index): those missing are listed in `.pyenv/MISSING` and printed, and a test that imports one
 * fails as `python module X is not installed`.
 */
const SCRIPT = String.raw`
import glob, os, re, shutil, subprocess, sys, tempfile, tomllib
from importlib import metadata
ENV = '${PYTHON_ENV_DIR}'
tmp = tempfile.mkdtemp()
shutil.copytree('.', tmp + '/p', symlinks=True, ignore=shutil.ignore_patterns('.git', ENV))
pip = subprocess.run([sys.executable, '-m', 'pip', 'install', '--no-deps', '--no-build-isolation', '--no-index', '--no-cache-dir',
    '--disable-pip-version-check', '--target', tmp + '/t', tmp + '/p'], capture_output=True, text=True)
os.makedirs(ENV)
def installed(requirement):
    try:
        metadata.distribution(re.split(r'[\s<>=!~;\[(]', requirement.strip(), maxsplit=1)[0])
        return True
    except metadata.PackageNotFoundError:
        return False
if pip.returncode == 0:
    for name in os.listdir(tmp + '/t'):
        if name.endswith('.dist-info'):
            shutil.copytree(tmp + '/t/' + name, ENV + '/' + name)
else:
    try:
        with open('pyproject.toml', 'rb') as file:
            config = tomllib.load(file)
    except (OSError, tomllib.TOMLDecodeError):
        config = {}
    project = config.get('project') or config.get('tool', {}).get('poetry') or {}
    name = project.get('name')
    system = config.get('build-system', {})
    if not name:
        backend = system.get('build-backend', 'setuptools')
        missing = [r for r in system.get('requires', ['setuptools', 'wheel']) if not installed(r)]
        said = [line for line in (pip.stdout + pip.stderr).splitlines() if 'rror' in line][-1:]
        print('python3 could not build the package metadata offline with its build back end ' + backend
            + (' (not installed: ' + ', '.join(missing) + ')' if missing else '') + (': ' + said[0].strip() if said else '')
            + '; the tests run without it (install them for /usr/bin/python3, Debian python3-* packages, or give --setup-command)')
    else:
        version = project.get('version')
        hatch = config.get('tool', {}).get('hatch', {}).get('version', {}).get('path')
        for path in ([hatch] if hatch else []) + sorted(glob.glob('src/*/__init__.py')) + sorted(glob.glob('*/__init__.py')):
            found = os.path.exists(path) and re.search(r'^__version__\s*=\s*[\'"]([^\'"]+)', open(path).read(), re.M)
            version = version or (found and found.group(1))
        info = ENV + '/' + re.sub(r'[-_.]+', '_', name) + '-' + (version or '0') + '.dist-info'
        os.makedirs(info)
        listed = project.get('dependencies', [])
        requires = ''.join('Requires-Dist: ' + r + '\n' for r in (listed if isinstance(listed, list) else []))
        with open(info + '/METADATA', 'w') as file:
            file.write('Metadata-Version: 2.1\nName: ' + name + '\nVersion: ' + (version or '0') + '\n' + requires)
        groups = dict(project.get('entry-points', {}), **({'console_scripts': project['scripts']} if 'scripts' in project else {}))
        with open(info + '/entry_points.txt', 'w') as file:
            file.write(''.join('[' + g + ']\n' + ''.join(k + ' = ' + v + '\n' for k, v in e.items()) for g, e in groups.items()))
missing = sorted({r.split(';')[0].strip() for d in os.listdir(ENV) if d.endswith('.dist-info')
    for r in metadata.PathDistribution.at(ENV + '/' + d).requires or [] if 'extra ==' not in r and not installed(r)})
if missing:
    open(ENV + '/MISSING', 'w').write(''.join(r + '\n' for r in missing))
    print('dependencies not installed for python3: ' + ', '.join(missing))
`;

/** The set-up that makes `.pyenv`: the sandbox's python3 running SCRIPT in the fixture's copy. */
export const PYTHON_ENV_SETUP = ['python3', '-c', SCRIPT.trim()];

/** Whether the tree declares a package to install: a pyproject.toml with a project or build system, a setup.py, a setup.cfg's metadata. */
export function declaresPythonPackage(repo: RepoView): boolean {
  if (repo.paths.has('setup.py')) return true;
  const pyproject = repo.read('pyproject.toml') ?? '';
  if (/^\[(?:project|build-system|tool\.poetry)\]/m.test(pyproject)) return true;
  return /^\[metadata\]/m.test(repo.read('setup.cfg') ?? '') && /^name\s*=/m.test(repo.read('setup.cfg') ?? '');
}

/**
 * The tests' PYTHONPATH: the source roots an editable install puts on the path (`src` for a src layout, whose
 * package cannot import itself from the work folder's root otherwise), then the metadata. Relative, so it holds in any
 * work folder: python makes each entry absolute at start-up, from the folder the tests start in.
 */
export function buildPythonPath(repo: RepoView): string {
  const src = [...repo.paths].some((path) => /^src\/[^/]+(?:\/__init__\.py|\.py)$/.test(path));
  return [...(src ? ['src'] : []), PYTHON_ENV_DIR].join(':');
}
