// The manifests and lockfiles a task's set-up installs from, and so keys its cache by: the change's own where it has them.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BankTask } from './load-task-bank.js';

/** The manifests and lockfiles whose content keys the cache: a changed lockfile is a new set-up. */
export const SETUP_MANIFESTS = [
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'requirements.txt',
  'requirements-dev.txt',
  'pyproject.toml',
  'poetry.lock',
  'setup.py',
  'setup.cfg',
  'go.mod',
  'go.sum',
  'Cargo.toml',
  'Cargo.lock',
];

/**
 * Each manifest's file: the solution's when the change has its own (a lockfile bumped with the code that needs it, as
 * on most commits of a JavaScript history), else the fixture's. Installed from the fixture's, a change that adds a
 * dependency failed as "node module kind-of is not installed" (runner/task-import/import-npm-cache.slow.test.ts).
 */
export function pickManifests(task: Pick<BankTask, 'fixture' | 'solution'>): Array<[string, string]> {
  return SETUP_MANIFESTS.flatMap((name): Array<[string, string]> => {
    const path = [join(task.solution, name), join(task.fixture, name)].find((candidate) => existsSync(candidate));
    return path ? [[name, path]] : [];
  });
}

/**
 * The set-up's own top-level entries; a .git it made would replace the arm's repository (its commit, its churn), and a
 * manifest the change adds is the solution's to write, not the set-up's.
 */
export function listSetupEntries(tree: string, fixtureDir: string): string[] {
  const fixture = new Set(readdirSync(fixtureDir));
  return readdirSync(tree).filter((name) => !fixture.has(name) && name !== '.git' && !SETUP_MANIFESTS.includes(name));
}

/** What of package.json an install reads: the dependency fields (scripts do not run, the name and version install nothing). */
const INSTALL_FIELDS = [
  'dependencies',
  'devDependencies',
  'optionalDependencies',
  'peerDependencies',
  'bundleDependencies',
  'bundledDependencies',
  'overrides',
  'workspaces',
];

/**
 * The part of a manifest that decides what its install makes, so a release commit's version bump (package.json's and
 * the lockfile root's `version`) shares the install of the commits around it instead of making one of its own: a
 * repository without a lockfile bumps package.json at most commits, and each candidate got its own `npm install`
 * (about 9 minutes each). Other manifests, and a file that does not parse, count whole.
 */
export function readInstallKey(name: string, bytes: Buffer): string | Buffer {
  if (name !== 'package.json' && name !== 'package-lock.json' && name !== 'npm-shrinkwrap.json') return bytes;
  try {
    const json = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    if (name === 'package.json') return JSON.stringify(INSTALL_FIELDS.map((field) => [field, json[field]]));
    const packages = json.packages as Record<string, Record<string, unknown>> | undefined;
    const root = packages?.[''] && { ...packages[''], version: undefined };
    return JSON.stringify({ ...json, name: undefined, version: undefined, packages: packages && { ...packages, '': root } });
  } catch {
    return bytes;
  }
}
