// Before the first candidate: a Node repository with dependencies and no npm lockfile cannot be set up offline.
import { NPM_LOCKFILES } from '../task-bank/npm-lockfiles.js';
import { readPackageJson } from './detect-test-command.js';
import { listTree, readBlobs } from './read-git.js';

export interface InstallableRequest {
  /** The user's own set-up command: they know how their dependencies arrive. */
  setupCommand?: string[] | undefined;
  /** The set-up may reach the registry. */
  setupNetwork?: boolean | undefined;
}

/** How many packages a package.json names (dependencies and devDependencies); 0 when it is unreadable. */
export function countDependencies(text: string): number {
  return readPackageJson({ paths: new Set(['package.json']), read: () => text })?.deps.size ?? 0;
}

/**
 * One line when HEAD's package.json names dependencies, no npm lockfile pins them, nothing is vendored under
 * node_modules/ and the set-up has neither the network nor a command of the user's; null otherwise. The offline
 * set-up copies exactly the packages a lockfile names from the npm cache (npm-offline-cache.ts), so such candidates
 * run with no set-up: tests that need only node itself still run (fastify's repositories commit no lockfile), the
 * others fail as an environment failure, and after three the import stops. Before, it said "tests fail on the
 * solution: 1 of 1" for a missing mocha instead.
 */
export async function describeMissingLockfile(repo: string, request: InstallableRequest): Promise<string | null> {
  if (request.setupCommand !== undefined || request.setupNetwork === true) return null;
  const tree = await listTree(repo, 'HEAD');
  const paths = new Set(tree.map((entry) => entry.path));
  const manifest = tree.find((entry) => entry.path === 'package.json');
  if (manifest === undefined || NPM_LOCKFILES.some((lock) => paths.has(lock))) return null;
  if (tree.some((entry) => entry.path.startsWith('node_modules/'))) return null;
  const text = (await readBlobs(repo, [manifest.sha])).get(manifest.sha)?.toString('utf8') ?? '';
  const count = countDependencies(text);
  if (count === 0) return null;
  const other = ['yarn.lock', 'pnpm-lock.yaml', 'bun.lockb'].find((lock) => paths.has(lock));
  const what = count === 1 ? 'the 1 dependency' : `the ${count} dependencies`;
  const they = count === 1 ? 'it' : 'they';
  return `no npm lockfile pins ${what} of package.json${other ? ` (${other} is not one npm installs from)` : ''}, so ${they} cannot be installed offline: tests run without ${count === 1 ? 'it' : 'them'}; pass --setup-network to install from the registry (npm install --ignore-scripts, once per distinct package.json), or --setup-command CMD`;
}
