// Runs one set-up command in its own sandbox folder, under a time limit, and stores what it made in the set-up cache.
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { AppError } from '../../kernel/index.js';
import { buildTestEnv } from '../acceptance/build-test-env.js';
import { runTestProcess } from '../acceptance/run-test-process.js';
import type { IsolationPlan } from '../isolation/resolve-isolation.js';
import { handOverSandbox, reclaimSandbox, wrapCommand } from '../isolation/wrap-command.js';
import { copyTreeWithoutSymlinks } from '../sandbox/copy-tree.js';
import { checkNoLinkBelow } from '../sandbox/sandbox-paths.js';
import { fetchLockedPackages, type NpmFetch } from './fetch-npm-packages.js';
import { findEscapingSymlink } from './find-escaping-symlink.js';
import type { BankTask } from './load-task-bank.js';
import { findNpmLockfile, type NpmCacheSource, prepareOfflineNpm } from './npm-offline-cache.js';
import type { SharedCaches } from './shared-caches.js';
import { pickManifests } from './setup-manifests.js';

export interface SetupOptions {
  /** Where finished set-ups are kept, one folder per set-up command and manifests (the runner passes `<data dir>/task-setup`). */
  cacheDir: string;
  isolation?: IsolationPlan | undefined;
  /**
   * The set-up command may reach the network (`--setup-network`): a namespace of its own whose one way out is
   * slirp4netns, never the host's loopback (runner/isolation/outbound-network.ts); default: none, so only vendored or
   * locally cached dependencies install.
   */
  allowNetwork?: boolean | undefined;
  /** Without network, an npm set-up gets a private copy of this cache's packages (undefined: the host's `npm config get cache`, null: none). */
  npmCache?: NpmCacheSource | null | undefined;
  /**
   * With allowNetwork and an npm lockfile: its packages are fetched on the host into this cache (the import's own), and
   * the install runs with no network from a private copy of them. Absent: the install itself reaches the registry.
   */
  npmFetch?: NpmFetch | undefined;
  /** The set-up's time limit (default 10 minutes); hitting it fails the set-up naming the task and its commit. */
  timeoutMs?: number | undefined;
  /** Caches shared with the other sandboxes of one import (pip's, go's build cache): writable, named in the environment. */
  caches?: SharedCaches | undefined;
  /** Aborting it kills the set-up under way (an import that stopped). */
  signal?: AbortSignal | undefined;
}

/** What a failed set-up says when the network would let it install: the import's summary repeats it only then. */
export const SETUP_NETWORK_HINT = 'pass --setup-network to allow it';

/**
 * A Python set-up installs from no package index, with or without --setup-network (the import's own builds the
 * package's metadata offline, python-env.ts): what is missing comes from the host.
 */
const PYTHON_OFFLINE =
  "the Python set-up installs no dependency from an index: install what is missing for python3 on the host (Debian's python3-* packages), or give a --setup-command that installs it from wheels you keep (pip install --no-index --find-links DIR)";

/** A set-up's limit when none is given: 10 minutes. */
export const DEFAULT_SETUP_TIMEOUT_MS = 600_000;

/** Runs the set-up into a fresh folder and stores it at `done`; throws IO naming the task when it fails or hits its limit. */
export async function runTaskSetup(task: BankTask, setup: readonly string[], options: SetupOptions, done: string): Promise<string> {
  mkdirSync(options.cacheDir, { recursive: true });
  // Run outside the data dir (the sandbox hides it), then move the finished tree into the cache in one rename.
  const root = mkdtempSync(join(tmpdir(), 'agent-tracker-setup-'));
  try {
    const work = join(root, 'tree');
    const home = join(root, 'home');
    copyTreeWithoutSymlinks(task.fixture, work);
    for (const [name, path] of pickManifests(task)) copyFileSync(path, join(work, name));
    mkdirSync(home);
    // With --setup-network and an npm lockfile, the packages are fetched on the host into the import's own cache, and
    // the install runs offline from a private copy: the sandbox never gets the network, and never writes that cache.
    const lockfile = options.allowNetwork && options.npmFetch ? findNpmLockfile(work) : null;
    const fetch = options.npmFetch && { ...options.npmFetch, timeoutMs: options.timeoutMs ?? DEFAULT_SETUP_TIMEOUT_MS };
    const fetched = lockfile && fetch ? await fetchLockedPackages(lockfile, fetch) : null;
    const network = options.allowNetwork === true && fetched === null;
    const npm = network ? null : prepareOfflineNpm(work, fetched ? fetched.source : options.npmCache, join(root, 'npm-cache'));
    handOverSandbox(options.isolation, root);
    const [file, ...args] = setup as [string, ...string[]];
    const lease = options.caches?.lease();
    const command = { file, args, env: { ...buildTestEnv({ homeDir: home }), ...lease?.env, ...npm?.env }, cwd: work };
    const timeoutMs = options.timeoutMs ?? DEFAULT_SETUP_TIMEOUT_MS;
    const run = await runTestProcess(
      wrapCommand(options.isolation, command, { writable: root, shareNet: network && 'outbound', shared: lease?.writable }),
      timeoutMs,
      `the set-up command ${file}`,
      options.signal,
    ).finally(() => lease?.release());
    reclaimSandbox(options.isolation, root);
    // The set-up could write `root`: a `tree` it swapped for a link would have the runner copy what the link names.
    checkNoLinkBelow(root, work);
    const where = `${task.meta.id}/task.json test.setup`;
    if (run.timedOut)
      throw new AppError(
        'IO',
        `the set-up of ${describeCandidate(task)} hit its time limit of ${Math.round(timeoutMs / 1000)} s (--setup-timeout) and was stopped: ${JSON.stringify(setup.join(' '))}${npm ? ` (${npm.note})` : ''}`,
        { where },
      );
    if (run.exitCode !== 0) {
      const tail = pickFailureLines(`${run.stdout}\n${run.stderr}`).join(' | ');
      const how = network
        ? ''
        : fetched
          ? ` (offline from the import's npm cache${fetched.error ? `; ${fetched.error}` : ''}, ${npm?.note})`
          : task.meta.language === 'python'
            ? ` (no network: ${PYTHON_OFFLINE})`
            : ` (no network${npm ? `, ${npm.note}` : ''}: ${SETUP_NETWORK_HINT})`;
      throw new AppError(
        'IO',
        `expected the set-up command ${JSON.stringify(setup.join(' '))} to succeed, got exit ${run.exitCode}${how}: ${tail}`,
        {
          where,
        },
      );
    }
    const escaping = findEscapingSymlink(work);
    if (escaping !== null)
      throw new AppError(
        'BAD_INPUT',
        `expected the set-up to leave links inside its folder, got ${relative(work, escaping)} pointing outside`,
        {
          where,
        },
      );
    storeSetupTree(work, done, `${JSON.stringify({ task: task.meta.id, setup })}\n`);
    return join(done, 'tree');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The task and the commit it was imported from, so a stopped set-up names its candidate. */
function describeCandidate(task: BankTask): string {
  const commit = task.meta.source?.commit;
  return commit ? `${task.meta.id} (commit ${commit.slice(0, 7)})` : task.meta.id;
}

/**
 * Moves the finished tree into a staging folder beside the cache entry, then renames it in: two arms of one task on a
 * cold cache (--parallel, queue workers) each build one, the first rename wins and the other's copy is dropped.
 */
function storeSetupTree(work: string, done: string, marker: string): void {
  const staging = mkdtempSync(`${done}.staging-`);
  try {
    moveOrCopy(work, join(staging, 'tree'));
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
 * A rename where the temp folder and the data dir share a file system (the set-up's own folder is removed after), else a
 * copy: a 142 MB node_modules (commander.js) took 16 s to copy and 22 s to remove on this loaded machine, a rename none.
 */
function moveOrCopy(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    cpSync(from, to, { recursive: true, verbatimSymlinks: true });
  }
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
