// Installs a task's dependencies once (task.json `test.setup`) into a cache, and lays the result into each work folder.
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkNoLinkBelow } from '../sandbox/sandbox-paths.js';
import type { BankTask } from './load-task-bank.js';
import { runTaskSetup, type SetupOptions } from './run-task-setup.js';
import { listSetupEntries, pickManifests, readInstallKey } from './setup-manifests.js';

export type { SetupOptions } from './run-task-setup.js';

/** The folder holding the set-up's result (the fixture's files plus what the command added); null when the task has no `test.setup`. */
export async function prepareTaskSetup(task: BankTask, options: SetupOptions): Promise<string | null> {
  const setup = task.meta.test?.setup;
  if (!setup) return null;
  // Keyed by the set-up command and the manifests only: an import's candidates with the same lockfile share one
  // install (it used to be one per task: 25 minutes for 22 commits with --setup-network). What a set-up adds is
  // what applyTaskSetup lays into work folders, so it must depend on the manifests alone, as an install does.
  const done = join(options.cacheDir, `setup-${hashManifests(task, setup)}`);
  if (existsSync(join(done, '.setup-done'))) return join(done, 'tree');
  // Candidates verified side by side (--jobs) with the same lockfile wait for the one install under way.
  const running = inFlight.get(done);
  if (running) return running;
  const started = runTaskSetup(task, setup, options, done).finally(() => inFlight.delete(done));
  inFlight.set(done, started);
  return started;
}

const inFlight = new Map<string, Promise<string>>();

/**
 * Copies what the set-up added (top-level entries the fixture lacks, such as node_modules or .venv) into a work folder
 * whose fixture is already committed, and tells git to ignore them, so they are neither the agent's churn nor its commit.
 */
export function applyTaskSetup(tree: string, fixtureDir: string, workDir: string): void {
  const added = listSetupEntries(tree, fixtureDir);
  for (const name of added) cpSync(join(tree, name), join(workDir, name), { recursive: true, verbatimSymlinks: true });
  if (added.length === 0) return;
  mkdirSync(join(workDir, '.git', 'info'), { recursive: true });
  appendFileSync(join(workDir, '.git', 'info', 'exclude'), added.map((name) => `/${name}\n`).join(''));
}

/**
 * Lays the set-up's entries again, just before the hidden tests: they ran under the agent, which could have replaced
 * the test runner itself (node_modules/.bin/vitest) or a dependency. A link the agent put there is removed, not followed.
 */
export function restoreTaskSetup(tree: string, fixtureDir: string, workDir: string): void {
  // The work folder itself may have been swapped for a link by the agent: the arm folder above it is the runner's.
  checkNoLinkBelow(dirname(workDir), workDir);
  for (const name of listSetupEntries(tree, fixtureDir)) {
    rmSync(join(workDir, name), { recursive: true, force: true });
    cpSync(join(tree, name), join(workDir, name), { recursive: true, verbatimSymlinks: true });
  }
}

function hashManifests(task: BankTask, setup: readonly string[]): string {
  const hash = createHash('sha256').update(JSON.stringify(setup));
  for (const [name, path] of pickManifests(task)) hash.update(`\0${name}\0`).update(readInstallKey(name, readFileSync(path)));
  return hash.digest('hex').slice(0, 12);
}
