// One verification run: a fresh work folder made as an arm's, as the fixture, the solution or the fixture's own tests.
import { existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { type AcceptanceRequest, runAcceptanceTests, type AcceptanceResult } from '../acceptance/run-acceptance-tests.js';
import { copyTreeWithoutSymlinks } from '../sandbox/copy-tree.js';
import { createSandbox, removeSandbox } from '../sandbox/create-sandbox.js';
import type { BankTask } from './load-task-bank.js';
import { applyTaskSetup } from './task-setup.js';
import type { IsolationPlan } from '../isolation/resolve-isolation.js';
import type { GoModFetch } from './fetch-go-modules.js';
import type { NpmFetch } from './fetch-npm-packages.js';
import type { CacheLease, MountedEntry, SharedCaches } from './shared-caches.js';
import type { NpmCacheSource } from './npm-offline-cache.js';

export interface VerifyOptions {
  /** The arms' isolation (the tests run the task's code the same way); absent: on the host. */
  isolation?: IsolationPlan | undefined;
  /** Where the throwaway work folders go (default: the system temp folder). */
  parentDir?: string | undefined;
  /** The limit of each test run (default 120 s, as an arm's). */
  timeoutMs?: number | undefined;
  /** Where `test.setup` results are cached (default: a folder under the system temp folder). */
  setupCacheDir?: string | undefined;
  /** Lets the set-up command reach the network (default: no network). */
  setupNetwork?: boolean | undefined;
  /** The npm cache an offline npm set-up copies its packages from (undefined: the host's, null: none). */
  npmCache?: NpmCacheSource | null | undefined;
  /** With setupNetwork: an npm lockfile's packages are fetched on the host into this cache and installed offline (task-setup.ts). */
  npmFetch?: NpmFetch | undefined;
  /** The set-up's time limit (default 10 minutes). */
  setupTimeoutMs?: number | undefined;
  /** With setupNetwork: a go.mod's modules are downloaded on the host into this module cache, read-only in the sandbox. */
  goModFetch?: GoModFetch | undefined;
  /** Build caches the runs share with the other sandboxes of one import (go, cargo, pip); absent: each run starts cold. */
  caches?: SharedCaches | undefined;
  /** Aborted when the caller no longer needs the verdict (an import that stopped): the runs under way are killed. */
  signal?: AbortSignal | undefined;
  /** How often the hidden tests run on the solution and on the fixture (default 3 and 2): a test whose outcome varies is flaky. */
  reruns?: { solution: number; fixture: number } | undefined;
}

export interface VerifyCopy {
  task: BankTask;
  options: VerifyOptions;
  setupTree: string | null;
  /** The old names of renamed tests: the fixture's own run selects them too (go's `-run` filter names tests). */
  oldNames?: readonly string[] | undefined;
  /** The module cache the task's go.mod was fetched into (fetch-go-modules.ts), if any. */
  goModules?: string | undefined;
}

const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * `fixture`: the fixture with the hidden tests (what sim-noop leaves); `solution`: the reference solution with them
 * (what sim-oracle leaves); `fixture-own`: the fixture's own test files only, by the task's command less the files
 * the fixture lacks, so a test that passed before the change is known even when the new tests stop its package
 * building. The own run needs an overlay task with an explicit command; otherwise it has no verdicts.
 */
export async function runVerifyCopy(copy: VerifyCopy, kind: 'fixture' | 'solution' | 'fixture-own'): Promise<AcceptanceResult> {
  const { task, options, setupTree } = copy;
  const box = await createSandbox({ fixtureDir: task.fixture, taskId: task.meta.id, parentDir: options.parentDir });
  const lease = options.caches?.lease();
  try {
    // In a sandbox, an import's runs get the set-up's entries bound read-only, not copied in and removed each time.
    const sandboxed = options.isolation !== undefined && options.isolation.mode !== 'none';
    const mounted = setupTree && options.caches && sandboxed ? options.caches.mountSetup(setupTree, task.fixture) : [];
    if (setupTree && mounted.length === 0) applyTaskSetup(setupTree, task.fixture, box.workDir);
    if (kind === 'solution') copyTreeWithoutSymlinks(task.solution, box.workDir);
    let testsDir = task.tests;
    let test = task.meta.test;
    if (kind === 'fixture-own') {
      const command = test?.command && widenGoRunFilter(dropAbsentPaths(test.command, box.workDir), copy.oldNames ?? []);
      if (!command || !test) return noRun();
      testsDir = mkdtempSync(join(box.root, 'no-hidden-tests-'));
      test = { ...test, command, expected_total: undefined };
    }
    return await runAcceptanceTests({
      workDir: box.workDir,
      testsDir,
      test,
      language: task.meta.language,
      homeDir: box.homeDir,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      isolation: options.isolation,
      sandboxRoot: box.root,
      signal: options.signal,
      shared: describeShared(copy, lease, mounted, box.root, box.workDir, sandboxed),
    });
  } finally {
    lease?.release();
    removeSandbox(box.root);
  }
}

/**
 * What the run shares with the import's other sandboxes: the leased build caches, the set-up's entries bound read-only,
 * and the go module cache, read-only at `<arm>/go-mod` in a sandbox (GOPROXY=off: nothing missing is looked for).
 */
function describeShared(
  copy: VerifyCopy,
  lease: CacheLease | undefined,
  mounted: MountedEntry[],
  root: string,
  workDir: string,
  sandboxed: boolean,
): AcceptanceRequest['shared'] {
  if (!lease && !copy.goModules) return undefined;
  const goTarget = copy.goModules && (sandboxed ? join(root, 'go-mod') : copy.goModules);
  return {
    writable: lease?.writable ?? [],
    env: { ...lease?.env, ...(goTarget ? { GOMODCACHE: goTarget, GOPROXY: 'off' } : {}) },
    ...(lease ? { jestCache: lease.jestCache } : {}),
    readOnly: [
      ...mounted.map((entry) => ({ source: entry.source, target: join(workDir, entry.name) })),
      ...(copy.goModules && sandboxed ? [{ source: copy.goModules, target: join(root, 'go-mod') }] : []),
    ],
    scratch: mounted.flatMap((entry) => entry.scratch.map((dir) => join(workDir, entry.name, dir))),
  };
}

/**
 * Arguments that name a file or folder (a path with a slash or a file extension) the work folder lacks are left out,
 * and so is cargo's `--test <stem>` of a `tests/<stem>.rs` the fixture lacks (cargo refuses an unknown target); null
 * when every path or target went.
 */
function dropAbsentPaths(argv: readonly string[], workDir: string): [string, ...string[]] | null {
  const isPath = (arg: string): boolean => !arg.startsWith('-') && (arg.includes('/') || /\.[a-z]{1,4}$/i.test(arg));
  const args = argv.slice(1);
  const targets = args.flatMap((_arg, at) => (args[at - 1] === '--test' && argv[0] === 'cargo' ? [at] : []));
  const absentTarget = (at: number): boolean => targets.includes(at) && !existsSync(join(workDir, 'tests', `${args[at]}.rs`));
  const kept = args.filter((arg, at) => !(isPath(arg) && !existsSync(join(workDir, arg))) && !absentTarget(at) && !absentTarget(at + 1));
  if (args.filter(isPath).length > 0 && kept.filter(isPath).length === 0) return null;
  if (targets.length > 0 && targets.every(absentTarget)) return null;
  return [argv[0] as string, ...kept];
}

/** `-run '^(TestNew)$'` becomes `-run '^(TestNew|TestOld)$'`: the renamed test's old name ran before the change. */
function widenGoRunFilter(argv: [string, ...string[]] | null, oldNames: readonly string[]): [string, ...string[]] | null {
  if (argv === null || oldNames.length === 0) return argv;
  const at = argv.indexOf('-run');
  const names = /^\^\(([\w|]+)\)\$$/.exec(argv[at + 1] ?? '')?.[1];
  if (at < 0 || names === undefined) return argv;
  const widened = [...new Set([...names.split('|'), ...oldNames.filter((name) => /^\w+$/.test(name))])].sort();
  return [argv[0], ...argv.slice(1, at + 1), `^(${widened.join('|')})$`, ...argv.slice(at + 2)];
}

function noRun(): AcceptanceResult {
  return { total: 0, passed: 0, failed: 0, quality: 0, exitCode: null, timedOut: false, timedOutTests: 0, command: '', outputTail: '' };
}
