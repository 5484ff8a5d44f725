// Dependency bumps are rejected from git alone, before any set-up or sandbox: only changes with code reach verification.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importTasks, type VerifyStaged } from './import-tasks.js';
import { judgeDependencyBump } from './judge-dependency-bump.js';
import { DEFAULT_LIMITS } from './judge-change.js';
import { buildRepo } from './test-fixtures/native-repos.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

const manifest = (devDependencies: Record<string, string>, extra: Record<string, unknown> = {}) =>
  `${JSON.stringify({ name: 'lib', type: 'module', ...extra, devDependencies }, null, 2)}\n`;
const lock = (version: string) => `{"lockfileVersion":3,"packages":{"node_modules/left-pad":{"version":"${version}"}}}\n`;

describe('importTasks and dependency bumps', () => {
  it('rejects a bump, with or without tests, before verification (no set-up, no sandbox), and verifies changes with code', async () => {
    const root = mkdtempSync(join(tmpdir(), 'import-bumps-'));
    roots.push(root);
    const repo = join(root, 'repo');
    mkdirSync(root, { recursive: true });
    await buildRepo(repo, [
      {
        message: 'Start',
        write: {
          'package.json': manifest({ 'left-pad': '1.0.0', jest: '29.0.0' }),
          'package-lock.json': lock('1.0.0'),
          'src/a.js': 'export const a = 1;\n',
          'test/a.test.js': 'a\n',
        },
      },
      {
        message: 'Bump left-pad from 1.0.0 to 1.1.0\n\nBumps left-pad.',
        write: { 'package.json': manifest({ 'left-pad': '1.1.0', jest: '29.0.0' }), 'package-lock.json': lock('1.1.0') },
      },
      {
        message: 'Bump jest from 29 to 30 and adapt the tests\n\nBumps jest; the tests use its new matchers.',
        write: {
          'package.json': manifest({ 'left-pad': '1.1.0', jest: '30.0.0' }),
          'package-lock.json': lock('1.1.1'),
          'test/a.test.js': 'a2\n',
        },
      },
      {
        message: 'Add double, with a lockfile refreshed\n\ndouble(n) is twice n.',
        write: {
          'src/double.js': 'export const double = (n) => 2 * n;\n',
          'test/double.test.js': 'd\n',
          'package-lock.json': lock('1.1.2'),
        },
      },
      {
        message: 'Export the package entry\n\npackage.json names src/a.js as the package entry point.',
        write: { 'package.json': manifest({ 'left-pad': '1.1.0', jest: '30.0.0' }, { exports: './src/a.js' }), 'test/a.test.js': 'a3\n' },
      },
    ]);
    // Verification is the only step that installs or starts a sandbox: the candidates that reach it are counted.
    const verified: string[] = [];
    const verify: VerifyStaged = async (dir) => {
      verified.push(basename(dir).replace(/-[0-9a-f]{7}$/, ''));
      return { ok: false, reason: 'tests pass before the change (1 of 1)' };
    };
    const summary = await importTasks({ repo, out: join(root, 'bank'), max: 5, limits: DEFAULT_LIMITS, verify });
    expect(verified).toEqual(['export-the-package-entry', 'add-double-with-a-lockfile-refreshed']);
    expect(summary.rejected.map((entry) => [entry.subject, entry.reason])).toEqual([
      ['Export the package entry', 'tests pass before the change (1 of 1)'],
      ['Add double, with a lockfile refreshed', 'tests pass before the change (1 of 1)'],
      [
        'Bump jest from 29 to 30 and adapt the tests',
        'dependency bump: it changes only package-lock.json, package.json (dependency versions) besides tests: no code to write (rejected before any install)',
      ],
      [
        'Bump left-pad from 1.0.0 to 1.1.0',
        'dependency bump: it changes only package-lock.json, package.json (dependency versions), and no tests: no code to write (rejected before any install)',
      ],
      ['Start', 'root commit (no parent to start from)'],
    ]);
  });
});

describe('judgeDependencyBump', () => {
  const changed = (...paths: string[]) =>
    paths.map((path) => ({ path, status: 'M', oldMode: '100644', newMode: '100644', added: 1, deleted: 1, bytes: 10 }));
  const reader = (texts: Record<string, Record<string, string>>) => async (commit: string, paths: readonly string[]) =>
    new Map(paths.flatMap((path) => (texts[commit]?.[path] === undefined ? [] : [[path, texts[commit]?.[path] as string] as const])));

  it("reads a go.mod's require lines and go directive as versions, and any other line as code", async () => {
    const before = 'module example.com/m\n\ngo 1.21\n\nrequire (\n\tgolang.org/x/text v0.3.0\n)\n';
    const bumped = 'module example.com/m\n\ngo 1.22\n\nrequire (\n\tgolang.org/x/text v0.4.0\n\tgolang.org/x/sys v0.1.0 // indirect\n)\n';
    const renamed = bumped.replace('example.com/m', 'example.com/n');
    const files = changed('go.mod', 'go.sum');
    expect(await judgeDependencyBump(files, reader({ p: { 'go.mod': before }, c: { 'go.mod': bumped } }), 'p', 'c')).toMatch(
      /^dependency bump: it changes only go\.mod \(dependency versions\), go\.sum, and no tests/,
    );
    expect(await judgeDependencyBump(files, reader({ p: { 'go.mod': before }, c: { 'go.mod': renamed } }), 'p', 'c')).toBeUndefined();
  });

  it('never calls a change with source a bump, nor a manifest it cannot read, and reads a reordered package.json as unchanged', async () => {
    const read = reader({ p: { 'package.json': '{"b":1,"a":2}' }, c: { 'package.json': '{"a":2,"b":1,"dependencies":{"x":"1"}}' } });
    expect(await judgeDependencyBump(changed('package.json'), read, 'p', 'c')).toMatch(/^dependency bump: /);
    expect(await judgeDependencyBump(changed('package-lock.json', 'src/a.js'), read, 'p', 'c')).toBeUndefined();
    expect(await judgeDependencyBump(changed('Cargo.toml', 'Cargo.lock'), read, 'p', 'c')).toBeUndefined();
    expect(await judgeDependencyBump(changed('README.md', 'test/a.test.js'), read, 'p', 'c')).toBeUndefined();
  });
});
