// describeMissingLockfile on real git repositories: a package.json with dependencies and no npm lockfile is said once, up front.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { countDependencies, describeMissingLockfile } from './check-installable.js';

const root = mkdtempSync(join(tmpdir(), 'installable-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const GIT_ENV = {
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'a',
  GIT_AUTHOR_EMAIL: 'a@b',
  GIT_COMMITTER_NAME: 'a',
  GIT_COMMITTER_EMAIL: 'a@b',
};

/** A one-commit repository holding `files`. */
async function makeRepo(name: string, files: Record<string, string>): Promise<string> {
  const repo = join(root, name);
  await execa('git', ['init', '-q', '-b', 'main', repo], { env: GIT_ENV });
  for (const [path, text] of Object.entries(files)) writeFileSync(join(repo, path), text);
  await execa('git', ['-C', repo, 'add', '-A'], { env: GIT_ENV });
  await execa('git', ['-C', repo, 'commit', '-q', '-m', 'first'], { env: GIT_ENV });
  return repo;
}

const WITH_DEPS = '{"scripts":{"test":"mocha"},"devDependencies":{"mocha":"10","chai":"4"}}';

describe('describeMissingLockfile', () => {
  it('says once that dependencies no lockfile pins cannot be installed offline, with the count and the fix', async () => {
    const repo = await makeRepo('no-lock', { 'package.json': WITH_DEPS, 'yarn.lock': '' });
    expect(await describeMissingLockfile(repo, {})).toMatch(
      /^no npm lockfile pins the 2 dependencies of package.json \(yarn\.lock is not one npm installs from\), so they cannot be installed offline: tests run without them; pass --setup-network/,
    );
  });

  it('says nothing with the network, a set-up of the user, a lockfile, or no dependencies', async () => {
    const bare = await makeRepo('bare', { 'package.json': WITH_DEPS });
    expect(await describeMissingLockfile(bare, {})).not.toBeNull();
    expect(await describeMissingLockfile(bare, { setupNetwork: true })).toBeNull();
    expect(await describeMissingLockfile(bare, { setupCommand: ['make', 'deps'] })).toBeNull();
    const locked = await makeRepo('locked', { 'package.json': WITH_DEPS, 'package-lock.json': '{}' });
    expect(await describeMissingLockfile(locked, {})).toBeNull();
    const plain = await makeRepo('plain', { 'package.json': '{"scripts":{"test":"node --test"}}' });
    expect(await describeMissingLockfile(plain, {})).toBeNull();
  });

  it('counts dependencies and devDependencies, and 0 for an unreadable package.json', () => {
    expect(countDependencies(WITH_DEPS)).toBe(2);
    expect(countDependencies('{"dependencies":{"a":"1"},"devDependencies":{"b":"1"}}')).toBe(2);
    expect(countDependencies('{not json')).toBe(0);
  });
});
