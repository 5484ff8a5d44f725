// An npm task's `npm ci` set-up run in bubblewrap with no network: it installs from a private copy of a real npm cache
// (filled here from the registry by real npm), fails without it, and leaves the cache it copied from untouched.
import { allowSkip } from '../../kernel/index.js';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIsolationPlan, probeBwrap } from '../isolation/resolve-isolation.js';
import { loadTaskBank } from './load-task-bank.js';
import { checkNpmCacheDir } from './npm-offline-cache.js';
import { prepareTaskSetup } from './task-setup.js';
import { verifyTask } from './verify-task.js';
import { removeScratch } from '../test-fixtures/remove-scratch.js';

const scratch = mkdtempSync(join(tmpdir(), 'npm-offline-setup-'));
afterAll(() => removeScratch(scratch));

const plan = buildIsolationPlan({ commands: [], dataDir: join(scratch, 'data'), env: process.env });
const bwrapError = spawnSync('which', ['bwrap']).status === 0 ? probeBwrap(plan) : 'bwrap is not installed';
const npmError = spawnSync('npm', ['--version']).status === 0 ? null : 'npm is not installed';
const skipped = allowSkip(bwrapError ?? npmError);
// The lockfile leaves `resolved` out (npm's omit-lockfile-registry-resolved), so npm needs the packument as well as the tarball.
const SETUP = ['npm', 'ci', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund'];

/** A task whose hidden test needs is-number@7.0.0 installed; its fixture ignores it, its solution uses it. */
function writeBank(cache: string): string {
  const dir = join(scratch, 'bank', 'js-is-number');
  for (const part of ['fixture', 'tests', 'solution']) mkdirSync(join(dir, part), { recursive: true });
  writeFileSync(join(dir, 'spec.md'), '# spec\n');
  const meta = { id: 'js-is-number', title: 'T', estimated_lines: 1, timeout_s: 60, status: 'ready', language: 'javascript' };
  writeFileSync(join(dir, 'task.json'), JSON.stringify({ ...meta, test: { setup: SETUP } }));
  const manifest = { name: 'app', version: '1.0.0', private: true, dependencies: { 'is-number': '7.0.0' } };
  writeFileSync(join(dir, 'fixture', 'package.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'fixture', 'check.js'), 'module.exports = (value) => false;\n');
  writeFileSync(join(dir, 'solution', 'check.js'), "module.exports = (value) => require('is-number')(value);\n");
  writeFileSync(
    join(dir, 'tests', 'check.test.js'),
    "const test = require('node:test');\nconst assert = require('node:assert');\nconst check = require('../check.js');\ntest('a number', () => assert.strictEqual(check(5), true));\n",
  );
  // The lockfile from the cache alone, as a user's would be.
  const lock = spawnSync(
    'npm',
    ['install', '--package-lock-only', '--offline', '--ignore-scripts', '--omit-lockfile-registry-resolved', '--cache', cache],
    { cwd: join(dir, 'fixture'), encoding: 'utf8' },
  );
  if (lock.status !== 0) throw new Error(`npm install --package-lock-only failed: ${lock.stderr}`);
  return join(scratch, 'bank');
}

/** Every file of the cache with its size and mtime: equal before and after means nothing was written, added or removed. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      const stat = statSync(path);
      out.push(`${relative(dir, path)} ${stat.size} ${stat.mtimeMs} ${stat.uid}`);
      if (entry.isDirectory()) walk(path);
    }
  };
  walk(dir);
  return out.sort();
}

describe.skipIf(skipped !== null)(`offline npm set-up in bwrap${skipped ? ` (skipped: ${skipped})` : ''}`, () => {
  const userCache = join(scratch, 'user-npm-cache');
  let bank: string;
  beforeAll(async () => {
    // The registry is reached only here, to fill the "user's" cache; the set-up itself has no network.
    await execa('npm', ['cache', 'add', 'is-number@7.0.0', '--cache', userCache]);
    bank = writeBank(userCache);
    expect(readFileSync(join(bank, 'js-is-number', 'fixture', 'package-lock.json'), 'utf8')).not.toContain('"resolved"');
  });

  it('installs from a private copy of the cache: the task verifies, and the cache is unchanged', async () => {
    const [task] = loadTaskBank(bank);
    const before = snapshot(userCache);
    expect(before.some((line) => line.startsWith('_cacache/content-v2/'))).toBe(true);
    const verdict = await verifyTask(task!, {
      isolation: plan,
      setupCacheDir: join(scratch, 'setups-1'),
      npmCache: checkNpmCacheDir(userCache, 'test'),
    });
    expect(verdict).toMatchObject({ ok: true, fixture: { passed: 0, total: 1 }, solution: { passed: 1, total: 1 } });
    expect(snapshot(userCache)).toEqual(before);
  });

  it('without the cache the same set-up fails offline, npm saying the package is not cached', async () => {
    const [task] = loadTaskBank(bank);
    const setup = prepareTaskSetup(task!, { cacheDir: join(scratch, 'setups-2'), isolation: plan, npmCache: null });
    await expect(setup).rejects.toThrow(/to succeed, got exit 1 \(no network, no npm cache given: .*ENOTCACHED/);
    expect(existsSync(join(scratch, 'setups-2', 'js-is-number'))).toBe(false);
  });

  it("names npm's reason, not the lines that point at its log, when the lockfile is out of sync", async () => {
    const stale = join(scratch, 'stale-bank');
    cpSync(bank, stale, { recursive: true });
    const manifest = join(stale, 'js-is-number', 'fixture', 'package.json');
    const parsed = JSON.parse(readFileSync(manifest, 'utf8'));
    writeFileSync(manifest, JSON.stringify({ ...parsed, dependencies: { 'is-number': '^6.0.0' } }));
    const [task] = loadTaskBank(stale);
    const setup = prepareTaskSetup(task!, {
      cacheDir: join(scratch, 'setups-3'),
      isolation: plan,
      npmCache: checkNpmCacheDir(userCache, 'test'),
    });
    await expect(setup).rejects.toThrow(/: npm error code EUSAGE \| npm error `npm ci` can only install packages when .* in sync/);
  });
});
