// describeMissingLockfile on real git repositories: a package.json with dependencies and no npm lockfile is said once, up front.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countDependencies, describeMissingLockfile } from './check-installable.js';
import { buildRepo } from './test-fixtures/native-repos.js';

const root = mkdtempSync(join(tmpdir(), 'installable-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A one-commit repository holding `files`. */
async function makeRepo(name: string, files: Record<string, string>): Promise<string> {
  await buildRepo(join(root, name), [{ message: 'first', write: files }]);
  return join(root, name);
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
