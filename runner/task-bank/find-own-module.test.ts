// matchModulePath and recogniseOwnModule: a module the repository provides is never "not installed".
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { explainEnvironment } from './explain-environment.js';
import { matchModulePath, recogniseOwnModule } from './find-own-module.js';

const root = mkdtempSync(join(tmpdir(), 'own-module-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('matchModulePath', () => {
  it('finds a python module in any folder, as a file, a package or a folder, and a relative node module', () => {
    const paths = ['src/semver/__init__.py', 'tests/coerce.py', 'tests/helpers/data.py', 'lib/util.js'];
    expect(matchModulePath('python module coerce is not installed', paths)).toBe('tests/coerce.py');
    expect(matchModulePath('python module semver is not installed', paths)).toBe('src/semver/__init__.py');
    expect(matchModulePath('python module helpers.data is not installed', paths)).toBe('tests/helpers/data.py');
    expect(matchModulePath('node module ./util is not installed', paths)).toBe('lib/util.js');
    expect(matchModulePath('python module packaging is not installed', paths)).toBeUndefined();
    expect(matchModulePath('node module is-number is not installed', paths)).toBeUndefined();
  });
});

describe('recogniseOwnModule', () => {
  it("names python-semver's tests/coerce.py as the repository's own, not a package to install", () => {
    mkdirSync(join(root, 'fixture', 'tests'), { recursive: true });
    writeFileSync(join(root, 'fixture', 'tests', 'coerce.py'), 'def coerce(v):\n    return v\n');
    const output = "ImportError while loading conftest '/w/tests/conftest.py'.\nE   ModuleNotFoundError: No module named 'coerce'\n";
    const failure = recogniseOwnModule(explainEnvironment(output), [join(root, 'fixture'), join(root, 'tests')]);
    expect(failure.cause).toBe("python module coerce is the repository's own (tests/coerce.py), but the tests could not import it");
    expect(failure.ownModule).toBe('tests/coerce.py');
    const other = recogniseOwnModule(explainEnvironment("No module named 'packaging'"), [join(root, 'fixture')]);
    expect(other).toMatchObject({ cause: 'python module packaging is not installed' });
    expect(other.ownModule).toBeUndefined();
  });
});
