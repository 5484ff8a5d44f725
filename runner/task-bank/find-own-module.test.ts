// matchModulePath and recogniseOwnModule: a module the repository provides is never "not installed".
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { explainEnvironment } from './explain-environment.js';
import { matchModulePath, type RepoFiles, recogniseOwnModule } from './find-own-module.js';

const root = mkdtempSync(join(tmpdir(), 'own-module-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A repository of these files (path -> text). */
function repo(files: Record<string, string>): RepoFiles {
  return { paths: new Set(Object.keys(files)), read: (path) => files[path] };
}

function writeTree(dir: string, files: Record<string, string>): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('matchModulePath', () => {
  it('finds a python module in any folder, as a file, a package or a folder, and a relative node module', () => {
    const files = repo({ 'src/semver/__init__.py': '', 'tests/coerce.py': '', 'tests/helpers/data.py': '', 'lib/util.js': '' });
    const python = (name: string) => matchModulePath({ language: 'python', name }, files);
    expect(python('coerce')).toBe('tests/coerce.py');
    expect(python('semver')).toBe('src/semver/__init__.py');
    expect(python('helpers.data')).toBe('tests/helpers/data.py');
    expect(python('packaging')).toBeUndefined();
    expect(matchModulePath({ language: 'node', name: './util' }, files)).toBe('lib/util.js');
    expect(matchModulePath({ language: 'node', name: 'is-number' }, files)).toBeUndefined();
  });

  it("resolves a TypeScript repository's specifiers as its toolchain does: .js to .ts, folders to their index, tsconfig paths", () => {
    const files = repo({
      'tsconfig.json':
        '{\n  // NodeNext, as this project\n  "compilerOptions": { "module": "NodeNext", "paths": { "@app/*": ["./src/*"] } },\n}\n',
      'kernel/index.ts': '',
      'kernel/secret-rules.ts': '',
      'kernel/redact-secrets.ts': '',
      'src/view.tsx': '',
      'src/esm.mts': '',
      'src/conf/index.ts': '',
      'src/settings.ts': '',
      'kernel/types.d.ts': '',
    });
    const node = (name: string, importer?: string) => matchModulePath({ language: 'node', name, ...(importer ? { importer } : {}) }, files);
    expect(node('./secret-rules.js', 'kernel/redact-secrets.ts')).toBe('kernel/secret-rules.ts');
    expect(node('../src/view.js', 'kernel/index.ts')).toBe('src/view.tsx');
    expect(node('./esm.mjs', 'src/settings.ts')).toBe('src/esm.mts');
    expect(node('./conf', 'src/settings.ts')).toBe('src/conf/index.ts');
    expect(node('./conf/index.js', 'src/settings.ts')).toBe('src/conf/index.ts');
    expect(node('@app/settings', 'kernel/index.ts')).toBe('src/settings.ts');
    // From the importer's folder only, as node does: kernel/ has no settings.ts.
    expect(node('./settings.js', 'kernel/index.ts')).toBeUndefined();
    // No importer named: any folder, shallowest first.
    expect(node('./secret-rules.js')).toBe('kernel/secret-rules.ts');
    // An absolute path in the sandbox with no importer: its folder found by its tail.
    expect(node('/tmp/arm/work/kernel/secret-rules.js')).toBe('kernel/secret-rules.ts');
    // A declaration file types a module; it does not provide one.
    expect(node('./types.js', 'kernel/index.ts')).toBeUndefined();
    expect(node('@other/settings', 'kernel/index.ts')).toBeUndefined();
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

  // This project's own history: vitest's words for kernel/redact-secrets.ts importing './secret-rules.js' when the
  // fixture lacked kernel/secret-rules.ts. It was "node module ./secret-rules.js is not installed: install the
  // repository's dependencies", and three such stopped an import that had kept two tasks.
  const vitest = (work: string) =>
    `{"testResults":[{"assertionResults":[],"status":"failed","message":"Cannot find module './secret-rules.js' imported from ${work}/kernel/redact-secrets.ts","name":"${work}/reports/plans/measure-work-per-token.test.ts"}]}`;

  it("says a relative module no file provides at this commit is the commit's failure, never a package to install", () => {
    const fixture = writeTree(join(root, 'ts-missing', 'fixture'), {
      'tsconfig.json': '{ "compilerOptions": { "module": "NodeNext" } }\n',
      'kernel/index.ts': "export * from './redact-secrets.js';\n",
      'kernel/redact-secrets.ts': "import { SECRET_RULES } from './secret-rules.js';\n",
    });
    const failure = recogniseOwnModule(explainEnvironment(vitest('/tmp/agent-tracker-arm-dbIPyI/work')), [fixture]);
    expect(failure.cause).toBe(
      "node module ./secret-rules.js, imported from kernel/redact-secrets.ts, is the repository's own, but no file of the repository provides it at this commit",
    );
    expect(failure.fix).toMatch(/^nothing to install: the tests do not load at this commit/);
    expect(failure.fix).not.toMatch(/install the repository's dependencies/);
    expect(failure).toMatchObject({ notProvided: true, ownModule: 'kernel/secret-rules.js' });
    expect(failure.module).toEqual({ language: 'node', name: './secret-rules.js', importer: 'kernel/redact-secrets.ts' });
  });

  it("names the .ts file a relative .js import is when it is there, and tsx's absolute paths as the repository's", () => {
    const fixture = writeTree(join(root, 'ts-present', 'fixture'), {
      'kernel/redact-secrets.ts': "import { SECRET_RULES } from './secret-rules.js';\n",
      'kernel/secret-rules.ts': 'export const SECRET_RULES = [];\n',
    });
    const failure = recogniseOwnModule(explainEnvironment(vitest('/tmp/arm/work')), [fixture]);
    expect(failure.cause).toBe(
      "node module ./secret-rules.js is the repository's own (kernel/secret-rules.ts), but the tests could not import it",
    );
    expect(failure.fix).toMatch(/compiles TypeScript as the repository's own test script does/);
    expect(failure.notProvided).toBeUndefined();
    const tsx =
      "# Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/tmp/arm/work/kernel/missing.js' imported from /tmp/arm/work/kernel/redact-secrets.ts";
    expect(recogniseOwnModule(explainEnvironment(tsx), [fixture]).cause).toBe(
      "node module ./missing.js, imported from kernel/redact-secrets.ts, is the repository's own, but no file of the repository provides it at this commit",
    );
  });

  it("takes a tsconfig paths alias for the repository's own, and a package it does not map for one to install", () => {
    const fixture = writeTree(join(root, 'ts-paths', 'fixture'), {
      'tsconfig.json': '{ "compilerOptions": { "paths": { "@app/*": ["./src/*"] } } }\n',
      'src/round.ts': "import { precision } from '@app/settings';\n",
    });
    const said = (name: string) => `Error [ERR_MODULE_NOT_FOUND]: Cannot find package '${name}' imported from /w/src/round.ts`;
    expect(recogniseOwnModule(explainEnvironment(said('@app/settings')), [fixture])).toMatchObject({
      cause:
        "node module @app/settings, imported from src/round.ts, is the repository's own, but no file of the repository provides it at this commit",
      notProvided: true,
    });
    expect(recogniseOwnModule(explainEnvironment(said('is-number')), [fixture])).toMatchObject({
      cause: 'node module is-number is not installed',
      fix: expect.stringMatching(/^install the repository's dependencies/),
    });
  });
});
