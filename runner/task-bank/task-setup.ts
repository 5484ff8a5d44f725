// Installs a task's dependencies once (task.json `test.setup`) into a cache, and lays the result into each work folder.
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { AppError } from '../../kernel/index.js';
import { buildTestEnv } from '../acceptance/build-test-env.js';
import { runTestProcess } from '../acceptance/run-test-process.js';
import type { IsolationPlan } from '../isolation/resolve-isolation.js';
import { handOverSandbox, reclaimSandbox, wrapCommand } from '../isolation/wrap-command.js';
import { copyTreeWithoutSymlinks } from '../sandbox/copy-tree.js';
import { checkNoLinkBelow } from '../sandbox/sandbox-paths.js';
import { findEscapingSymlink } from './find-escaping-symlink.js';
import type { BankTask } from './load-task-bank.js';
import { type NpmCacheSource, prepareOfflineNpm } from './npm-offline-cache.js';

export interface SetupOptions {
  /** Where finished set-ups are kept, one folder per set-up command and manifests (the runner passes `<data dir>/task-setup`). */
  cacheDir: string;
  isolation?: IsolationPlan | undefined;
  /** The set-up command may reach the network (`--setup-network`); default: none, so only vendored or locally cached dependencies install. */
  allowNetwork?: boolean | undefined;
  /** Without network, an npm set-up gets a private copy of this cache's packages (undefined: the host's `npm config get cache`, null: none). */
  npmCache?: NpmCacheSource | null | undefined;
  /** Default 10 minutes. */
  timeoutMs?: number | undefined;
}

/** The manifests and lockfiles whose content keys the cache: a changed lockfile is a new set-up. */
const MANIFESTS = [
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
const DEFAULT_TIMEOUT_MS = 600_000;

/** The folder holding the set-up's result (the fixture's files plus what the command added); null when the task has no `test.setup`. */
export async function prepareTaskSetup(task: BankTask, options: SetupOptions): Promise<string | null> {
  const setup = task.meta.test?.setup;
  if (!setup) return null;
  // Keyed by the set-up command and the manifests only: an import's candidates with the same lockfile share one
  // install (it used to be one per task: 25 minutes for 22 commits with --setup-network). What a set-up adds is
  // what applyTaskSetup lays into work folders, so it must depend on the manifests alone, as an install does.
  const key = `setup-${hashManifests(task.fixture, setup)}`;
  const done = join(options.cacheDir, key);
  if (existsSync(join(done, '.setup-done'))) return join(done, 'tree');
  mkdirSync(options.cacheDir, { recursive: true });
  // Run outside the data dir (the sandbox hides it), then move the finished tree into the cache in one rename.
  const root = mkdtempSync(join(tmpdir(), 'agent-tracker-setup-'));
  try {
    const work = join(root, 'tree');
    const home = join(root, 'home');
    copyTreeWithoutSymlinks(task.fixture, work);
    mkdirSync(home);
    const npm = options.allowNetwork ? null : prepareOfflineNpm(task.fixture, options.npmCache, join(root, 'npm-cache'));
    handOverSandbox(options.isolation, root);
    const [file, ...args] = setup as [string, ...string[]];
    const command = { file, args, env: { ...buildTestEnv({ homeDir: home }), ...npm?.env }, cwd: work };
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const run = await runTestProcess(
      wrapCommand(options.isolation, command, { writable: root, shareNet: options.allowNetwork === true }),
      timeoutMs,
      `the set-up command ${file}`,
    );
    reclaimSandbox(options.isolation, root);
    // The set-up could write `root`: a `tree` it swapped for a link would have the runner copy what the link names.
    checkNoLinkBelow(root, work);
    if (run.timedOut || run.exitCode !== 0) {
      const tail = pickFailureLines(`${run.stdout}\n${run.stderr}`).join(' | ');
      throw new AppError(
        'IO',
        `expected the set-up command ${JSON.stringify(setup.join(' '))} to succeed, got ${run.timedOut ? `a timeout after ${timeoutMs} ms` : `exit ${run.exitCode}`}${options.allowNetwork ? '' : ` (no network${npm ? `, ${npm.note}` : ''}: pass --setup-network to allow it)`}: ${tail}`,
        { where: `${task.meta.id}/task.json test.setup` },
      );
    }
    const escaping = findEscapingSymlink(work);
    if (escaping !== null)
      throw new AppError(
        'BAD_INPUT',
        `expected the set-up to leave links inside its folder, got ${relative(work, escaping)} pointing outside`,
        {
          where: `${task.meta.id}/task.json test.setup`,
        },
      );
    storeSetupTree(work, done, `${JSON.stringify({ task: task.meta.id, setup })}\n`);
    return join(done, 'tree');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Copies the finished tree into a staging folder beside the cache entry, then renames it in: two arms of one task on a
 * cold cache (--parallel, queue workers) each build one, the first rename wins and the other's copy is dropped. A copy
 * first, not a rename: the temp folder and the data dir may be on different file systems.
 */
function storeSetupTree(work: string, done: string, marker: string): void {
  const staging = mkdtempSync(`${done}.staging-`);
  try {
    cpSync(work, join(staging, 'tree'), { recursive: true, verbatimSymlinks: true });
    writeFileSync(join(staging, '.setup-done'), marker);
    // A folder without the marker is a crashed copy of the old layout: it gives way.
    if (existsSync(done) && !existsSync(join(done, '.setup-done'))) rmSync(done, { recursive: true, force: true });
    renameSync(staging, done);
  } catch (error) {
    if (!existsSync(join(done, '.setup-done'))) throw error;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

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

/** The set-up's own top-level entries; a .git it made would replace the arm's repository (its commit, its churn). */
function listSetupEntries(tree: string, fixtureDir: string): string[] {
  const fixture = new Set(readdirSync(fixtureDir));
  return readdirSync(tree).filter((name) => !fixture.has(name) && name !== '.git');
}

/**
 * The lines that say why: npm's error block starts with `npm error code X` and its last lines only point at its log
 * (a lockfile out of sync named its missing packages above them), so from there on; other commands, their last 3.
 */
function pickFailureLines(output: string): string[] {
  const lines = output.trim().split('\n');
  const npm = lines.findIndex((line) => /^npm (?:error|ERR!) code /.test(line));
  if (npm < 0) return lines.slice(-3);
  return lines
    .slice(npm)
    .filter((line) => line.replace(/^npm (?:error|ERR!)\s*/, '') !== '')
    .slice(0, 3);
}

function hashManifests(fixtureDir: string, setup: readonly string[]): string {
  const hash = createHash('sha256').update(JSON.stringify(setup));
  for (const name of MANIFESTS) {
    const path = join(fixtureDir, name);
    if (existsSync(path)) hash.update(`\0${name}\0`).update(readFileSync(path));
  }
  return hash.digest('hex').slice(0, 12);
}
