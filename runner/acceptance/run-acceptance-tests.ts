// Puts a task's hidden tests into an arm's work folder, runs them with the task's test command and scores the result.
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { AppError } from '../../kernel/index.js';
import type { QualityMeasure } from '../../ledger/index.js';
import { findUnreachable, handOverSandbox, pruneVanishedHides, wrapCommand } from '../isolation/wrap-command.js';
import { findSandboxStart } from '../isolation/find-sandbox-line.js';
import type { IsolationPlan } from '../isolation/resolve-isolation.js';
import type { TaskMeta, TaskTest } from '../task-bank/task-schema.js';
import { buildTestEnv } from './build-test-env.js';
import { installHiddenTests } from './install-hidden-tests.js';
import { layGopath } from './lay-gopath.js';
import { resolveTestCommand } from './resolve-test-command.js';
import { scoreTestReport } from './reports/score-test-report.js';
import { runTestProcess } from './run-test-process.js';
import { readTapTests } from './reports/read-tap-tests.js';
import type { Verdict } from './reports/tally-verdicts.js';
import { type IdentityScore, scoreByIdentity, type TestLists } from './score-by-identity.js';
import { scoreTapRun } from './score-tap-run.js';
import { takeOutputTail } from './take-output-tail.js';

export interface AcceptanceRequest {
  workDir: string;
  /** The task's hidden tests folder; copied to `workDir/tests` (or laid over workDir, `test.layout` overlay). */
  testsDir: string;
  /** The task's `test` (task.json): command, report kind, layout. Absent: `node --test` over tests/, scored from TAP. */
  test?: TaskTest | undefined;
  /** The task's language: a `typescript` node-tap task runs through the TypeScript hook (resolve-test-command.ts). */
  language?: TaskMeta['language'] | undefined;
  /** The whole run's limit, a last resort: a run killed at it prints no summary. */
  timeoutMs: number;
  /**
   * HOME for the tests (the runner passes the arm's sandbox home). Without it, a fresh empty folder, removed afterwards:
   * never the user's own HOME.
   */
  homeDir?: string;
  /**
   * `node --test --test-timeout` (the default command only): a test over it is failed (cancelled) and the run goes on
   * to print its summary. Node 20 applies it to each test file's run as a whole: a file that hangs is one cancelled
   * test, and the tests after the hang in that file are not counted. Default DEFAULT_PER_TEST_TIMEOUT_MS.
   */
  perTestTimeoutMs?: number;
  /** Runs the tests inside this isolation (they load code the agent wrote); absent: on the host. */
  isolation?: IsolationPlan | undefined;
  /** The arm folder, the only writable place when isolated (default: workDir). */
  sandboxRoot?: string | undefined;
  /** The task's fail_to_pass and pass_to_pass tests: quality is then scored by them, in `measure`. */
  lists?: TestLists | undefined;
  /** What quality is on the lists: `resolved` (1 or 0) or the share of fail_to_pass that pass (the default). */
  measure?: QualityMeasure | undefined;
  /** Aborting it kills the tests (an import that stopped while they ran). */
  signal?: AbortSignal | undefined;
  /**
   * What the sandbox shares with the other sandboxes of one import (runner/task-bank/shared-caches.ts): build caches it
   * may write, named by `env`; a set-up's entries bound read-only into the work folder, with writable `scratch` in them.
   */
  shared?:
    | {
        writable: string[];
        env: Record<string, string>;
        /** Given to jest as --cacheDirectory: its transforms are then made once per import, not once per run. */
        jestCache?: string;
        readOnly?: Array<{ source: string; target: string }>;
        scratch?: string[];
      }
    | undefined;
}

export interface AcceptanceResult {
  /** From the run's summary (TAP: pass + fail + cancelled + skipped + todo, or the fallback count of a killed run). */
  total: number;
  passed: number;
  /** Failed, errors and cancelled: a test cancelled by a crash or a hang did not pass. */
  failed: number;
  /** passed / total, in [0, 1]. */
  quality: number;
  exitCode: number | null;
  /** The whole run was killed at timeoutMs. */
  timedOut: boolean;
  /** Test results that failed on the per-test timeout (perTestTimeoutMs; node-tap only). */
  timedOutTests: number;
  /** The test command as run (its argv joined), for the arm's evidence. */
  command: string;
  /** The last OUTPUT_TAIL characters of stdout then stderr, for the log (take-output-tail.ts). */
  outputTail: string;
  /** How the score came about when it is not a plain summary: no tests, no summary, a fallback count, per-test timeouts. */
  note?: string;
  /** Each named test's verdict, names relative to the work folder; absent when the output names no tests readably. */
  verdicts?: Map<string, Verdict>;
  /** The score against the task's lists (request.lists); `quality` is its quality then. */
  identity?: IdentityScore;
}

export const DEFAULT_PER_TEST_TIMEOUT_MS = 30_000;
/**
 * A test file that fails to load is one failure in most runners' summaries, however many tests it holds: a do-nothing
 * agent would score most of a task whose new tests sit in one file. The tests a run did not report are failed ones.
 */
function countMissingTests(counts: { total: number; failed: number }, expected: number | undefined, notes: string[]): void {
  if (expected === undefined || counts.total >= expected) return;
  const missing = expected - counts.total;
  counts.failed += missing;
  counts.total = expected;
  notes.push(`${missing} of the task's ${expected} hidden tests reported no result (a file that failed to load?): counted failed`);
}

/**
 * A root runner's sandbox runs as an unprivileged uid. Under bubblewrap a toolchain kept under a 0700 /root (rustup,
 * go, pyenv installed per user) is bound through a private mount (wrap-command.ts, reachThrough); podman has no way
 * round (runc gives a tmpfs the mode it covers), so there it is refused with the fix.
 */
function checkToolReachable(plan: IsolationPlan | undefined, expose: string[]): void {
  if (!plan?.runAs || plan.mode !== 'podman') return;
  for (const dir of expose) {
    const blocked = findUnreachable(dir, plan.runAs.uid);
    if (blocked)
      throw new AppError(
        'BAD_USAGE',
        `expected the test tool's folder ${dir} to be readable by uid ${plan.runAs.uid} (the sandbox's user), got ${blocked}: install the toolchain outside /root (RUSTUP_HOME=/usr/local/rustup), or run unisolated (--no-isolation)`,
        { where: dir },
      );
  }
}

/** Runs the hidden tests; never throws for failing or hanging tests, only for a missing folder, bad limits or a command failing to start. */
export async function runAcceptanceTests(request: AcceptanceRequest): Promise<AcceptanceResult> {
  const { workDir, testsDir, timeoutMs } = request;
  const perTestTimeoutMs = request.perTestTimeoutMs ?? DEFAULT_PER_TEST_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new AppError('BAD_INPUT', `expected a positive timeoutMs, got ${timeoutMs}`);
  if (!Number.isInteger(perTestTimeoutMs) || perTestTimeoutMs <= 0)
    throw new AppError('BAD_INPUT', `expected a positive whole perTestTimeoutMs, got ${perTestTimeoutMs}`);
  const resolved = resolveTestCommand({ test: request.test, language: request.language, testsDir, perTestTimeoutMs });
  const jestCache = request.test?.report === 'jest' ? request.shared?.jestCache : undefined;
  const [file, ...args] = jestCache ? [...resolved.argv, `--cacheDirectory=${jestCache}`] : resolved.argv;
  const isolation = request.isolation && { ...request.isolation, expose: [...new Set([...request.isolation.expose, ...resolved.expose])] };
  checkToolReachable(request.isolation, resolved.expose);
  installHiddenTests(workDir, testsDir, request.test?.layout);
  const sandboxRoot = request.sandboxRoot ?? workDir;
  // The tests' copy (and the runner's commit) are the root runner's files: the sandbox's uid gets them back.
  handOverSandbox(request.isolation, sandboxRoot);
  const ownHome = request.homeDir === undefined ? mkdtempSync(join(tmpdir(), 'acceptance-home-')) : undefined;
  const importPath = request.test?.report === 'go' ? request.test.go_import_path : undefined;
  const gopath = importPath === undefined ? undefined : layGopath(request.isolation, workDir, workDir, importPath);
  try {
    const env = {
      ...buildTestEnv({ homeDir: request.homeDir ?? (ownHome as string) }),
      ...request.shared?.env,
      ...resolved.env,
      ...gopath?.env,
    };
    env.PATH = [...resolved.pathFirst, env.PATH].join(delimiter);
    // Unisolated, the process starts in the GOPATH link; isolated, bwrap or podman enters the bind (`chdir`).
    const command = { file, args, env, cwd: gopath && !gopath.binds.length ? gopath.chdir : workDir };
    // No network for the tests (shareNet false): they only run code, the agent's and the task's.
    const runWrapped = () =>
      runTestProcess(
        wrapCommand(isolation, command, {
          writable: sandboxRoot,
          shareNet: false,
          shared: request.shared?.writable,
          readOnly: request.shared?.readOnly,
          scratch: request.shared?.scratch,
          binds: gopath?.binds,
          chdir: gopath?.binds.length ? gopath.chdir : undefined,
        }),
        timeoutMs,
        file === process.execPath ? 'node --test' : `the test command ${file}`,
        request.signal,
      );
    let run = await runWrapped();
    // A hidden data dir removed since wrapCommand looked stopped bwrap before any test ran: once more without it.
    if (findSandboxStart(run.stderr) !== null && pruneVanishedHides(isolation)) run = await runWrapped();
    const report = request.test?.report ?? 'node-tap';
    const output = `${run.stdout}\n${run.stderr}`.trim();
    const notes: string[] = [];
    let counts: { total: number; passed: number; failed: number; timedOutTests: number };
    let verdicts: ReadonlyMap<string, Verdict> | undefined;
    if (report === 'node-tap') {
      const tap = scoreTapRun(run.stdout, run.timedOut, timeoutMs, perTestTimeoutMs);
      counts = tap;
      verdicts = readTapTests(run.stdout);
      notes.push(...tap.notes);
    } else {
      const scored = scoreTestReport(report, run, resolved.argv);
      verdicts = scored.counts?.verdicts;
      counts = { ...(scored.counts ?? { total: 0, passed: 0, failed: 0 }), timedOutTests: 0 };
      if (run.timedOut) notes.push(`the test command was killed after ${timeoutMs} ms`);
      if (scored.note) notes.push(scored.note);
      else if (counts.total === 0) notes.push('quality 0: the hidden tests hold no tests');
    }
    countMissingTests(counts, request.test?.expected_total, notes);
    const result: AcceptanceResult = {
      total: counts.total,
      passed: counts.passed,
      failed: counts.failed,
      quality: counts.total > 0 ? counts.passed / counts.total : 0,
      exitCode: run.exitCode,
      timedOut: run.timedOut,
      timedOutTests: counts.timedOutTests,
      command: [file, ...args].join(' '),
      outputTail: takeOutputTail(output),
    };
    if (verdicts) result.verdicts = relativiseNames(verdicts, workDir);
    if (request.lists) {
      result.identity = scoreByIdentity(result.verdicts, request.lists, request.measure);
      result.quality = result.identity.quality;
      if (!result.verdicts) notes.push(`quality 0: the ${report} output names no tests, so no fail_to_pass test can be seen passing`);
    }
    if (notes.length > 0) result.note = notes.join('; ');
    return result;
  } finally {
    gopath?.remove();
    if (ownHome) rmSync(ownHome, { recursive: true, force: true });
  }
}

/** Test names that hold the work folder's path (a file that failed to load, jest's file names) are made relative to it. */
function relativiseNames(verdicts: ReadonlyMap<string, Verdict>, workDir: string): Map<string, Verdict> {
  const dirs = [...new Set([workDir, safeRealpath(workDir)])].map((dir) => dir.replace(/\/+$/, ''));
  // go in GOPATH mode names a package by its folder: `_/tmp/arm/work/sub` becomes `./sub`, the same in every arm.
  const replace = (name: string): string => dirs.reduce((text, dir) => text.split(`_${dir}`).join('.').split(`${dir}/`).join(''), name);
  const named = new Map<string, Verdict>();
  for (const [name, verdict] of verdicts) named.set(replace(name), verdict);
  return named;
}

function safeRealpath(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}
