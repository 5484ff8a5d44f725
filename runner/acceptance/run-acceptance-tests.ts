// Copies a task's hidden tests into an arm's work folder, runs them with `node --test` and scores the result.
import { lstatSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { AppError } from '../../kernel/index.js';
import { handOverSandbox, wrapCommand, type SandboxCommand } from '../isolation/wrap-command.js';
import type { IsolationPlan } from '../isolation/resolve-isolation.js';
import { signalProcessGroup, trackProcessGroup } from '../process-groups.js';
import { copyTreeWithoutSymlinks } from '../sandbox/copy-tree.js';
import { buildTestEnv } from './build-test-env.js';
import { countTimeoutFailures, countTopLevelResults, parseTapSummary } from './parse-tap-summary.js';

export interface AcceptanceRequest {
  workDir: string;
  /** The task's hidden tests folder; copied to `workDir/tests`. */
  testsDir: string;
  /** The whole run's limit, a last resort: a run killed at it prints no summary. */
  timeoutMs: number;
  /**
   * HOME for the tests (the runner passes the arm's sandbox home). Without it, a fresh empty folder, removed afterwards:
   * never the user's own HOME.
   */
  homeDir?: string;
  /**
   * `node --test --test-timeout`: a test over it is failed (cancelled) and the run goes on to print its summary.
   * Node 20 applies it to each test file's run as a whole: a file that hangs is one cancelled test, and the tests
   * after the hang in that file are not counted. Default DEFAULT_PER_TEST_TIMEOUT_MS.
   */
  perTestTimeoutMs?: number;
  /** Runs the tests inside this isolation (they load code the agent wrote); absent: on the host. */
  isolation?: IsolationPlan | undefined;
  /** The arm folder, the only writable place when isolated (default: workDir). */
  sandboxRoot?: string | undefined;
}

export interface AcceptanceResult {
  /** From the TAP summary: pass + fail + cancelled + skipped + todo (or the fallback count of a killed run, see note). */
  total: number;
  passed: number;
  /** fail + cancelled: a test cancelled by a crash or a hang did not pass. */
  failed: number;
  /** passed / total, in [0, 1]. */
  quality: number;
  exitCode: number | null;
  /** The whole run was killed at timeoutMs. */
  timedOut: boolean;
  /** Test results that failed on the per-test timeout (perTestTimeoutMs). */
  timedOutTests: number;
  /** The last OUTPUT_TAIL characters of stdout then stderr, for the log. */
  outputTail: string;
  /** How the score came about when it is not a plain summary: no tests, no summary, a fallback count, per-test timeouts. */
  note?: string;
}

const OUTPUT_TAIL = 4000;
/** After a SIGTERM, how long the tests get before SIGKILL. */
const KILL_GRACE_MS = 2000;
export const DEFAULT_PER_TEST_TIMEOUT_MS = 30_000;
/** Replaces any `tests/` the agent left with the hidden tests, so an agent cannot score by writing its own. */
function installHiddenTests(workDir: string, testsDir: string): void {
  const stat = lstatSync(workDir, { throwIfNoEntry: false });
  if (!stat?.isDirectory())
    throw new AppError('NOT_FOUND', `expected a work folder, got ${stat ? 'something else' : 'nothing'}`, { where: workDir });
  const target = join(workDir, 'tests');
  rmSync(target, { recursive: true, force: true }); // a symlink named tests is unlinked, its target left alone
  copyTreeWithoutSymlinks(testsDir, target);
}

/** Runs the hidden tests; never throws for failing or hanging tests, only for a missing folder, bad limits or node failing to start. */
export async function runAcceptanceTests(request: AcceptanceRequest): Promise<AcceptanceResult> {
  const { workDir, testsDir, timeoutMs } = request;
  const perTestTimeoutMs = request.perTestTimeoutMs ?? DEFAULT_PER_TEST_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new AppError('BAD_INPUT', `expected a positive timeoutMs, got ${timeoutMs}`);
  if (!Number.isInteger(perTestTimeoutMs) || perTestTimeoutMs <= 0)
    throw new AppError('BAD_INPUT', `expected a positive whole perTestTimeoutMs, got ${perTestTimeoutMs}`);
  installHiddenTests(workDir, testsDir);
  const sandboxRoot = request.sandboxRoot ?? workDir;
  // The tests' copy (and the runner's commit) are the root runner's files: the sandbox's uid gets them back.
  handOverSandbox(request.isolation, sandboxRoot);
  const ownHome = request.homeDir === undefined ? mkdtempSync(join(tmpdir(), 'acceptance-home-')) : undefined;
  try {
    const command = {
      file: process.execPath,
      args: ['--test', '--test-reporter=tap', `--test-timeout=${perTestTimeoutMs}`, 'tests/'],
      env: buildTestEnv({ homeDir: request.homeDir ?? (ownHome as string) }),
      cwd: workDir,
    };
    // No network for the tests (shareNet false): they only run code, the agent's and the task's.
    return await runNodeTest(
      wrapCommand(request.isolation, command, { writable: sandboxRoot, shareNet: false }),
      timeoutMs,
      perTestTimeoutMs,
    );
  } finally {
    if (ownHome) rmSync(ownHome, { recursive: true, force: true });
  }
}

async function runNodeTest(command: SandboxCommand, timeoutMs: number, perTestTimeoutMs: number): Promise<AcceptanceResult> {
  const workDir = command.cwd;
  // Own process group (detached), so a timeout kills the test files node spawned and anything they spawned.
  // The environment is built from nothing (extendEnv false): the tests load code the agent wrote.
  const child = execa(command.file, command.args, {
    cwd: workDir,
    env: command.env,
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    detached: true,
  });
  const pid = child.pid;
  const untrack = pid === undefined ? () => undefined : trackProcessGroup(pid, command.cleanup);
  const killGroup = (signal: NodeJS.Signals): void => {
    if (pid !== undefined) signalProcessGroup(pid, signal);
  };
  let exited = false;
  let timedOut = false;
  let graceTimer: NodeJS.Timeout | undefined;
  const timer = setTimeout(() => {
    if (exited) return;
    timedOut = true;
    killGroup('SIGTERM');
    graceTimer = setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS);
  }, timeoutMs);
  // Nothing the tests started outlives the run.
  child.once('exit', () => {
    exited = true;
    killGroup('SIGKILL');
  });
  let result: Awaited<typeof child>;
  try {
    result = await child;
  } finally {
    clearTimeout(timer);
    clearTimeout(graceTimer);
    killGroup('SIGKILL');
    untrack();
  }
  if (result.failed && result.exitCode === undefined && !timedOut && result.signal === undefined) {
    throw new AppError('IO', `expected node --test to start, got: ${result.shortMessage}`, { where: workDir });
  }
  const stdout = String(result.stdout);
  const output = `${stdout}\n${String(result.stderr)}`.trim();
  const notes: string[] = [];
  let counts = parseTapSummary(stdout);
  if (!counts && timedOut) {
    // Killed before its summary: count what finished; at least one test had not, and it counts as failed.
    const finished = countTopLevelResults(stdout);
    if (finished) {
      counts = { ...finished, tests: finished.tests + 1, cancelled: finished.cancelled + 1 };
      notes.push(
        `no TAP summary (timed out after ${timeoutMs} ms): scored from the ${finished.tests} finished top-level test(s), plus 1 unfinished counted as failed`,
      );
    } else {
      notes.push(`quality 0: no TAP summary in the output (timed out after ${timeoutMs} ms)`);
    }
  } else if (!counts) {
    notes.push('quality 0: no TAP summary in the output');
  } else if (counts.tests === 0) {
    notes.push('quality 0: the hidden tests hold no tests');
  }
  const timedOutTests = countTimeoutFailures(stdout);
  if (timedOutTests > 0) notes.push(`${timedOutTests} test(s) failed on the ${perTestTimeoutMs} ms per-test timeout`);
  const total = counts?.tests ?? 0;
  const passed = counts?.pass ?? 0;
  const scored: AcceptanceResult = {
    total,
    passed,
    failed: (counts?.fail ?? 0) + (counts?.cancelled ?? 0),
    quality: total > 0 ? passed / total : 0,
    exitCode: result.exitCode ?? null,
    timedOut,
    timedOutTests,
    outputTail: output.slice(-OUTPUT_TAIL),
  };
  if (notes.length > 0) scored.note = notes.join('; ');
  return scored;
}
