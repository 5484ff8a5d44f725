import { describe, expect, it } from 'vitest';
import { assembleTask, type TreeFile } from './assemble-task.js';
import { buildSpec, buildTaskId, judgeDifficulty, stripAttribution } from './build-task-meta.js';
import { type ChangedFile, DEFAULT_LIMITS, judgeChange } from './judge-change.js';
import { findNearDuplicate, measureJaccard, shingleDiff } from './measure-similarity.js';
import { findEnvironmentStop } from './import-summary.js';
import { explainLeftOutImport } from './judge-left-out.js';

function file(path: string, extra: Partial<ChangedFile> = {}): ChangedFile {
  return { path, status: 'M', oldMode: '100644', newMode: '100644', added: 5, deleted: 1, bytes: 100, ...extra };
}

describe('judgeChange', () => {
  it('keeps a change with tests and source, split into hidden tests and solution', () => {
    const verdict = judgeChange([file('src/a.js'), file('test/a.test.js', { status: 'A' }), file('README.md')]);
    // The README's lines go with the solution but are not work: size and difficulty count source lines only.
    expect(verdict).toMatchObject({ ok: true, linesChanged: 18, solutionLines: 6, sourceFiles: 1 });
    if (verdict.ok) expect(verdict.tests.map((f) => f.path)).toEqual(['test/a.test.js']);
  });

  it("keeps a change whose large test file is data the tests read, its lines not counted as work (css-what's out.json)", () => {
    const data = file('src/__fixtures__/out.json', { bytes: 428 * 1024, added: 4000, deleted: 3990 });
    const verdict = judgeChange([file('src/stringify.ts'), file('src/__fixtures__/tests.ts'), data]);
    expect(verdict).toMatchObject({ ok: true, linesChanged: 12, solutionLines: 6 });
  });

  it.each<[string, ChangedFile[], RegExp]>([
    ['no tests', [file('src/a.js')], /^no tests changed$/],
    ['only tests', [file('test/a.test.js')], /^only tests changed$/],
    ['tests and docs', [file('test/a.test.js'), file('README.md')], /only tests and docs changed/],
    ['a deletion', [file('src/a.js', { status: 'D' }), file('test/a.test.js')], /^deletes src\/a.js: a solution is laid over/],
    ['a rename', [file('src/b.js', { status: 'R', oldPath: 'src/a.js' }), file('test/a.test.js')], /^renames src\/a.js to src\/b.js/],
    ['a binary', [file('src/logo.png', { added: null, deleted: null }), file('test/a.test.js')], /^binary file in the change/],
    [
      'a large file',
      [file('src/data.js', { bytes: 300 * 1024 }), file('test/a.test.js')],
      /^large file in the change \(src\/data.js, 300 KB > 256 KB\)/,
    ],
    ['a submodule', [file('vendor/lib', { newMode: '160000' }), file('test/a.test.js')], /^changes a submodule/],
    ['an .env file', [file('.env'), file('src/a.js'), file('test/a.test.js')], /^changes .env, which is never copied/],
    ['too many lines', [file('src/a.js', { added: 995 }), file('test/a.test.js')], /^too big: 1002 lines changed > 1000 \(--max-lines\)$/],
    [
      'test data above 4 MB',
      [file('src/a.js'), file('src/__fixtures__/out.json', { bytes: 5 * 1024 * 1024 })],
      /^large file in the change \(src\/__fixtures__\/out.json, 5120 KB > 4096 KB\)/,
    ],
  ])('rejects %s', (_name, files, reason) => {
    const verdict = judgeChange(files, DEFAULT_LIMITS);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(reason);
  });
});

describe('near-duplicates', () => {
  const diff = (lines: string[]) => ['diff --git a/x.js b/x.js', '--- a/x.js', '+++ b/x.js', '@@ -1 +1 @@', ...lines].join('\n');
  const base = ['+function f() {', '+  return 1;', '+}', '+export { f };'];

  it('finds the same change again, but not its revert or a different one', () => {
    const kept = [{ commit: 'aaa', files: ['x.js'], shingles: shingleDiff(diff(base)) }];
    expect(
      findNearDuplicate({ commit: 'bbb', files: ['x.js'], shingles: shingleDiff(diff(base.map((l) => l.replace('  ', '    ')))) }, kept),
    ).toEqual({ commit: 'aaa', jaccard: 1 });
    expect(
      findNearDuplicate({ commit: 'ccc', files: ['x.js'], shingles: shingleDiff(diff(base.map((l) => `-${l.slice(1)}`))) }, kept),
    ).toBeUndefined();
    expect(findNearDuplicate({ commit: 'ddd', files: ['y.js'], shingles: shingleDiff(diff(base)) }, kept)).toBeUndefined();
  });

  it('measures Jaccard similarity', () => {
    expect(measureJaccard(new Set(['a', 'b']), new Set(['b', 'c']))).toBeCloseTo(1 / 3);
  });
});

describe('task metadata', () => {
  it('builds a valid id from any subject', () => {
    expect(buildTaskId('Add slugify() for Ünïcode titles!', 'abcdef1234')).toBe('add-slugify-for-unicode-titles-abcdef1');
    expect(buildTaskId('!!!', 'abcdef1234')).toBe('commit-abcdef1');
    expect(buildTaskId('x'.repeat(100), 'abcdef1234')).toHaveLength(48);
  });

  it('grades difficulty by the documented thresholds', () => {
    expect([
      judgeDifficulty(1, 30),
      judgeDifficulty(2, 30),
      judgeDifficulty(4, 150),
      judgeDifficulty(5, 10),
      judgeDifficulty(1, 151),
    ]).toEqual(['easy', 'medium', 'medium', 'hard', 'hard']);
  });

  it('writes the spec from the message and names the files to change', () => {
    const spec = buildSpec({ hash: 'h', parent: 'p', subject: 'Parse ints', body: 'Adds parsing.' }, ['src/a.js']);
    expect(spec).toBe('# Parse ints\n\nAdds parsing.\n\nFiles to change: `src/a.js`.\n');
  });

  it('leaves out trailers and attribution lines: who wrote it, never what it does (css-what 62b7b0e)', () => {
    const body =
      'Escapes them in names.\n\nAuthor: Colin Kiegel <kiegel@gmx.de>\n\nCo-authored-by: Felix <188768+fb55@users.noreply.github.com>\nSigned-off-by: A <a@b.c>';
    expect(stripAttribution(body)).toBe('Escapes them in names.');
    expect(stripAttribution('Co-authored-by: Felix <f@x.y>')).toBe('');
  });
});

describe('assembleTask', () => {
  const tree = (files: Record<string, string>, mode = '100644'): TreeFile[] =>
    Object.entries(files).map(([path, text]) => ({ path, mode, type: 'blob', bytes: Buffer.from(text) }));
  const input = (commit: Record<string, string>, parent: Record<string, string> = {}) => ({
    parentTree: tree(parent),
    commitTree: new Map(tree(commit).map((f) => [f.path, f])),
    testPaths: ['t.test.js'],
    solutionPaths: ['a.js'],
    spec: '# Add a\n',
    maxFileBytes: 256 * 1024,
  });

  it('rejects a secret in a hidden test or the solution with its line', () => {
    const result = assembleTask(input({ 't.test.js': 'ok', 'a.js': `x\nconst key = "${'AKIA'}Z2QH7DHBJ3MPLQWE";` }));
    expect(result).toEqual({
      ok: false,
      reason: 'secret in a.js:2 (aws-access-token): --allow-secret a.js:2 keeps the change if it is no credential',
    });
  });

  it('lets through a finding the user allowed by path:line (--allow-secret), and only that one', () => {
    const files = { 't.test.js': 'ok', 'a.js': `x\nconst key = "${'AKIA'}Z2QH7DHBJ3MPLQWE";` };
    expect(assembleTask({ ...input(files), allowSecrets: new Set(['a.js:2']) }).ok).toBe(true);
    expect(assembleTask({ ...input(files), allowSecrets: new Set(['a.js:1']) })).toEqual({
      ok: false,
      reason: 'secret in a.js:2 (aws-access-token): --allow-secret a.js:2 keeps the change if it is no credential',
    });
  });

  it('leaves secret-bearing and credential files out of the fixture and says why', () => {
    const result = assembleTask(
      input(
        { 't.test.js': 'ok', 'a.js': 'ok' },
        { 'a.js': 'old', 'config.js': 'export const password = "Zq8#kLp2!vR9mW4x";', '.env': 'A=1' },
      ),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect([...result.task.fixture.keys()]).toEqual(['a.js']);
    expect(result.task.leftOut).toEqual([
      'secret in config.js:1 (secret assignment)',
      '.env: .env may hold credentials and is never copied',
    ]);
  });

  it("copies a link to a tracked file of the repository as that file (python-semver's tests/coerce.py), and leaves others out", () => {
    const parent = [
      ...tree({ 'docs/advanced/coerce.py': 'def coerce(v):\n    return v\n', 'a.js': 'old' }),
      ...tree({ 'tests/coerce.py': '../docs/advanced/coerce.py', 'tests/again.py': 'coerce.py' }, '120000'),
      ...tree({ 'tests/out.py': '../../etc/passwd', 'tests/abs.py': '/etc/passwd', 'tests/none.py': 'missing.py' }, '120000'),
    ];
    const result = assembleTask({ ...input({ 't.test.js': 'ok', 'a.js': 'ok' }), parentTree: parent });
    if (!result.ok) throw new Error(result.reason);
    expect(result.task.fixture.get('tests/coerce.py')?.toString()).toBe('def coerce(v):\n    return v\n');
    expect(result.task.fixture.get('tests/again.py')?.toString()).toBe('def coerce(v):\n    return v\n');
    expect(result.task.leftOut).toEqual([
      'tests/out.py: a symlink out of the repository or to nothing',
      'tests/abs.py: a symlink out of the repository or to nothing',
      'tests/none.py: a symlink out of the repository or to nothing',
    ]);
  });
});

describe('explainLeftOutImport and findEnvironmentStop', () => {
  const missing = {
    cause: 'python module settings is not installed',
    fix: 'install it',
    log: [],
    module: { language: 'python' as const, name: 'settings' },
  };
  /** A task whose fixture holds `present` (path -> text) and left out `leftOut`. */
  const task = (leftOut: string[], present: Record<string, string> = {}) => ({
    fixture: new Map(Object.entries(present).map(([path, text]) => [path, Buffer.from(text)])),
    tests: new Map<string, Buffer>(),
    solution: new Map<string, Buffer>(),
    leftOut,
  });
  it('blames a module the fixture left out (a secret in it), not the machine', () => {
    expect(explainLeftOutImport(missing, task(['secret in app/settings.py:3 (AWS access key)', '.env: a credential file']))).toMatchObject({
      reason:
        'left-out module: the tests import app/settings.py, which the fixture left out (secret in app/settings.py:3 (AWS access key))',
      path: 'app/settings.py',
    });
    expect(explainLeftOutImport(missing, task(['secret in other.py:1 (Anthropic key)']))).toBeNull();
    // Also when the module was found elsewhere in the repository (a copy under docs/) and named as its own.
    const own = {
      ...missing,
      cause: "python module settings is the repository's own (docs/settings.py), but the tests could not import it",
    };
    expect(explainLeftOutImport(own, task(['app/settings.py: a symlink out of the repository or to nothing']))?.reason).toMatch(
      /^left-out module: the tests import app\/settings.py, which the fixture left out/,
    );
  });
  it("resolves a TypeScript `./x.js` to the x.ts the fixture left out, from the file that imported it (this project's kernel/secret-rules.ts)", () => {
    const environment = {
      cause:
        "node module ./secret-rules.js, imported from kernel/redact-secrets.ts, is the repository's own, but no file of the repository provides it at this commit",
      fix: 'nothing to install',
      log: [],
      module: { language: 'node' as const, name: './secret-rules.js', importer: 'kernel/redact-secrets.ts' },
      ownModule: 'kernel/secret-rules.js',
    };
    const leftOut = [
      'secret in kernel/secret-rules.ts:56 (secret assignment)',
      'secret in runner/task-import/scan-secrets.ts:98 (BasicAuthDetector)',
    ];
    const present = { 'kernel/redact-secrets.ts': "import { SECRET_RULES } from './secret-rules.js';\n", 'kernel/index.ts': '' };
    expect(explainLeftOutImport(environment, task(leftOut, present))).toEqual({
      reason:
        'left-out module: the tests import kernel/secret-rules.ts, which the fixture left out (secret in kernel/secret-rules.ts:56 (secret assignment))',
      path: 'kernel/secret-rules.ts',
      cause:
        'the tests import kernel/secret-rules.ts, which the fixture left out (secret in kernel/secret-rules.ts:56 (secret assignment))',
      fix: 'nothing to install: read kernel/secret-rules.ts:56; if it is no secret, --allow-secret kernel/secret-rules.ts:56 keeps the file in the fixture',
    });
    // The same name from a folder whose secret-rules.ts is not the one left out.
    const elsewhere = { ...environment, module: { ...environment.module, importer: 'reports/redact.ts' } };
    expect(explainLeftOutImport(elsewhere, task(leftOut, { ...present, 'reports/redact.ts': '' }))).toBeNull();
  });
  it('names the candidates it judged, never stops for a module the repository provides, nor once a task is kept', () => {
    const rejected = (commit: string, ownModule?: string) => ({
      commit,
      subject: 's',
      reason: 'environment: x',
      environment: { ...missing, ...(ownModule ? { ownModule } : {}) },
    });
    expect(findEnvironmentStop([rejected('a1'), rejected('b2'), rejected('c3')], 0)).toMatchObject({
      candidates: 3,
      commits: ['a1', 'b2', 'c3'],
    });
    expect(findEnvironmentStop([rejected('a1'), rejected('b2'), rejected('c3')], 2)).toBeUndefined();
    expect(
      findEnvironmentStop([rejected('a1', 'tests/coerce.py'), rejected('b2', 'tests/coerce.py'), rejected('c3', 'tests/coerce.py')], 0),
    ).toBeUndefined();
  });
});
