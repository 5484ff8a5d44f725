// The import stops after 3 candidates whose npm set-up failed offline, whichever package each one missed, naming the fix, while none is kept.
import { describe, expect, it } from 'vitest';
import { explainEnvironment } from '../task-bank/explain-environment.js';
import { findEnvironmentStop, type RejectedCandidate } from './import-summary.js';

/** A set-up failure as run-task-setup.ts words it and verify-task.ts explains it (its ' | ' are npm's lines). */
function rejectedFor(commit: string, message: string): RejectedCandidate {
  const environment = explainEnvironment(message.replaceAll(' | ', '\n'));
  return {
    commit,
    subject: `change ${commit}`,
    reason: `set-up failed: ${message}`,
    environment: { cause: environment.cause, fix: environment.fix, log: environment.tail },
  };
}

const offline = (pkg: string) =>
  `expected the set-up command "npm ci --prefer-offline --ignore-scripts --no-audit --no-fund" to succeed, got exit 1 (no network, npm cache /root/.npm: 612 files (171.2 MB) for 604 packages copied: pass --setup-network to allow it): npm error code ENOTCACHED | npm error request to https://registry.npmjs.org/${pkg}/-/${pkg}-1.0.2.tgz failed: cache mode is 'only-if-cached' but no cached response is available.`;

describe('the early stop for set-ups', () => {
  it('stops after 3 offline npm set-ups missing different packages, naming --setup-network (42 candidates ran before)', () => {
    const rejected = [rejectedFor('a1', offline('wrappy')), rejectedFor('a2', offline('once'))];
    expect(findEnvironmentStop(rejected, 0)).toBeUndefined();
    rejected.push(rejectedFor('a3', offline('inflight')));
    expect(findEnvironmentStop(rejected, 0)).toEqual({
      by: 'environment',
      cause: 'npm could not install offline: a package the lockfile pins is not in the npm cache (ENOTCACHED)',
      fix: "pass --setup-network: each lockfile's packages are then fetched once, outside the sandbox, into the import's own npm cache, and the set-up installs offline from it",
      candidates: 3,
      commits: ['a1', 'a2', 'a3'],
    });
  });

  it("names the import's own cache, not --setup-network, when the set-up already had it", () => {
    const fetched = (pkg: string) =>
      `expected the set-up command "npm ci" to succeed, got exit 1 (offline from the import's npm cache, npm cache /d/import-cache/npm: 3 files (0.1 MB) for 3 packages copied): npm error code ENOTCACHED | npm error request to https://registry.npmjs.org/${pkg} failed`;
    const stop = findEnvironmentStop(
      ['b1', 'b2', 'b3'].map((commit, i) => rejectedFor(commit, fetched(['x', 'y', 'z'][i] as string))),
      0,
    );
    expect(stop?.cause).toBe("npm could not install offline: a package the lockfile pins is not in the import's npm cache (ENOTCACHED)");
    expect(stop?.fix).toMatch(/^read the candidate's log for the package npm names: a git, file or URL dependency/);
  });

  it('stops after 3 set-ups that hit the same time limit', () => {
    const slow = (id: string) =>
      `the set-up of ${id} (commit ${id.slice(-7)}) hit its time limit of 300 s (--setup-timeout) and was stopped: "npm ci"`;
    const stop = findEnvironmentStop(
      ['t-1111111', 't-2222222', 't-3333333'].map((id) => rejectedFor(id, slow(id))),
      0,
    );
    expect(stop).toMatchObject({ cause: 'the set-up hit its time limit of 300 s', candidates: 3 });
    expect(stop?.fix).toMatch(/^raise --setup-timeout/);
  });

  it('never stops once a task is kept: the environment runs tests, so the candidates are set aside and the import goes on', () => {
    const rejected = ['c1', 'c2', 'c3', 'c4'].map((commit) => rejectedFor(commit, offline(`pkg-${commit}`)));
    expect(findEnvironmentStop(rejected, 0)).toMatchObject({ candidates: 3, commits: ['c1', 'c2', 'c3'] });
    expect(findEnvironmentStop(rejected, 1)).toBeUndefined();
    expect(findEnvironmentStop(rejected, 2)).toBeUndefined();
  });
});
