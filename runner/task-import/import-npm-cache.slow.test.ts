// tasks import --setup-network on a tiny real npm project whose lockfile changes on every commit: the packages are
// fetched once, on the host, into the import's own cache, and each candidate's npm ci runs offline in bubblewrap from it.
import { allowSkip } from '../../kernel/index.js';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIsolationPlan, probeBwrap } from '../isolation/resolve-isolation.js';
import { contentPaths, listFiles } from '../task-bank/cacache-layout.js';
import { readNpmLockfile } from '../task-bank/read-npm-lockfile.js';
import { createSharedCaches } from '../task-bank/shared-caches.js';
import { importTasks } from './import-tasks.js';
import { DEFAULT_LIMITS } from './judge-change.js';
import { verifyImportedTask } from './verify-imported-task.js';

const parent = mkdtempSync(join(tmpdir(), 'import-npm-cache-'));
chmodSync(parent, 0o755); // the sandbox's uid (65534 under a root runner) must reach the task folders
afterAll(() => rmSync(parent, { recursive: true, force: true }));
const plan = buildIsolationPlan({ commands: [], dataDir: join(parent, 'data'), env: process.env });
const npmMissing = spawnSync('npm', ['--version']).status === 0 ? null : 'npm is not installed';
const skipped = allowSkip(npmMissing ?? (spawnSync('which', ['bwrap']).status === 0 ? probeBwrap(plan) : 'bwrap is not installed'));
const ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.invalid',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.invalid',
};

const TEST = (body: string) => `const test = require('node:test');\nconst assert = require('node:assert');\n${body}\n`;

/** Writes `files`, pins `dependencies` in package.json and a lockfile made by npm itself, and commits. */
function commit(repo: string, subject: string, dependencies: Record<string, string>, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(repo, path, '..'), { recursive: true });
    writeFileSync(join(repo, path), text);
  }
  writeFileSync(join(repo, 'package.json'), `${JSON.stringify({ name: 'app', version: '1.0.0', private: true, dependencies }, null, 2)}\n`);
  // The registry is reached here to pin the versions, as the project's author did; the lockfile keeps its URLs.
  execFileSync(
    'npm',
    ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--cache', join(parent, 'author-cache')],
    {
      cwd: repo,
      stdio: 'ignore',
    },
  );
  execFileSync('git', ['add', '-A'], { cwd: repo });
  execFileSync('git', ['commit', '-q', '-m', subject], { cwd: repo, env: ENV });
}

function buildRepo(repo: string): void {
  mkdirSync(repo, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo });
  commit(
    repo,
    'Start the checker',
    { 'is-number': '6.0.0' },
    {
      'src/check.js': 'module.exports = (value) => false;\n',
      'test/check.test.js': TEST("const check = require('../src/check.js');\ntest('a word', () => assert.strictEqual(check('a'), false));"),
    },
  );
  commit(
    repo,
    'Check numbers with is-number\n\ncheck(value) is true for a number, with is-number 7.',
    { 'is-number': '7.0.0' },
    {
      'src/check.js': "const isNumber = require('is-number');\nmodule.exports = (value) => isNumber(value);\n",
      'test/check.test.js': TEST(
        "const check = require('../src/check.js');\ntest('a word', () => assert.strictEqual(check('a'), false));\ntest('a number', () => assert.strictEqual(check(5), true));",
      ),
    },
  );
  commit(
    repo,
    'Name the kind of a value\n\nkindOf(value) names its kind with kind-of 6.',
    { 'is-number': '7.0.0', 'kind-of': '6.0.3' },
    {
      'src/kind.js': "module.exports = (value) => require('kind-of')(value);\n",
      'test/kind.test.js': TEST("const kind = require('../src/kind.js');\ntest('an array', () => assert.strictEqual(kind([]), 'array'));"),
    },
  );
}

/** Every file of the import's cache with its size and mtime: equal before and after means nothing was fetched. */
function snapshot(dir: string): string[] {
  return listFiles(dir)
    .map((file) => `${relative(dir, file)} ${statSync(file).size} ${statSync(file).mtimeMs}`)
    .sort();
}

describe.skipIf(skipped !== null)(
  `tasks import of an npm project with a changing lockfile${skipped ? ` (skipped: ${skipped})` : ''}`,
  () => {
    it('keeps both changes, each installed offline from packages the import fetched once into its own cache', async () => {
      const repo = join(parent, 'repo');
      buildRepo(repo);
      const npmCache = join(parent, 'data', 'import-cache', 'npm');
      const run = async (name: string) => {
        const caches = createSharedCaches(plan.runAs);
        const options = {
          isolation: plan,
          parentDir: parent,
          setupCacheDir: join(parent, `task-setup-${name}`),
          setupNetwork: true,
          npmFetch: { dir: npmCache },
          caches,
          reruns: { solution: 2, fixture: 1 },
        };
        try {
          return await importTasks({
            repo,
            out: join(parent, `bank-${name}`),
            max: 5,
            jobs: 2,
            limits: DEFAULT_LIMITS,
            setupNetwork: true,
            verify: (dir, meta, extra) => verifyImportedTask(dir, meta, { ...options, signal: extra?.signal }),
          });
        } finally {
          caches.remove();
        }
      };
      const first = await run('first');
      expect(first.rejected.map((entry) => entry.reason)).toEqual(['root commit (no parent to start from)']);
      expect(first.kept.map((task) => task.id.replace(/-[0-9a-f]{7}$/, ''))).toEqual([
        'name-the-kind-of-a-value',
        'check-numbers-with-is-number',
      ]);
      // Each lockfile was its own set-up; every package of both is in the import's cache under its locked hash.
      expect(readdirSync(join(parent, 'task-setup-first')).filter((name) => name.startsWith('setup-'))).toHaveLength(2);
      const locked = readNpmLockfile(join(parent, 'bank-first', first.kept[0]?.id as string, 'fixture', 'package-lock.json'));
      expect(locked.map((entry) => entry.name).sort()).toEqual(['is-number']);
      for (const entry of readNpmLockfile(join(repo, 'package-lock.json')))
        expect(
          contentPaths(entry.integrity as string).some((rel) => statSync(join(npmCache, '_cacache', rel), { throwIfNoEntry: false })),
          entry.name,
        ).toBe(true);
      // A second import (fresh set-ups) finds everything fetched: the cache is not touched, and the same tasks are kept.
      const before = snapshot(npmCache);
      const second = await run('second');
      expect(second.kept.map((task) => task.id)).toEqual(first.kept.map((task) => task.id));
      expect(snapshot(npmCache)).toEqual(before);
    });
  },
);
