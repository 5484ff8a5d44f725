// Copies a task's hidden tests into an arm's work folder, runs them with `node --test` and scores the result.
import { lstatSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { AppError } from '../../ledger/index.js';
import { copyTreeWithoutSymlinks } from '../sandbox/copy-tree.js';
import { buildTestEnv } from './build-test-env.js';
import { parseTapSummary } from './parse-tap-summary.js';

export interface AcceptanceRequest {
  workDir: string;
  /** The task's hidden tests folder; copied to `workDir/tests`. */
  testsDir: string;
  timeoutMs: number;
}

export interface AcceptanceResult {
  /** From the TAP summary: pass + fail + cancelled + skipped + todo. */
  total: number;
  passed: number;
  /** fail + cancelled: a test cancelled by a crash or a hang did not pass. */
  failed: number;
  /** passed / total, in [0, 1]. */
  quality: number;
  exitCode: number | null;
  timedOut: boolean;
  /** The last OUTPUT_TAIL characters of stdout then stderr, for the log. */
  outputTail: string;
  /** Why quality is 0 without a failure to show for it (no tests, no summary). */
  note?: string;
}

const OUTPUT_TAIL = 4000;
/** After a SIGTERM, how long the tests get before SIGKILL. */
const KILL_GRACE_MS = 2000;

/** Replaces any `tests/` the agent left with the hidden tests, so an agent cannot score by writing its own. */
function installHiddenTests(workDir: string, testsDir: string): void {
  const stat = lstatSync(workDir, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) throw new AppError('NOT_FOUND', `expected a work folder, got ${stat ? 'something else' : 'nothing'}`, { where: workDir });
  const target = join(workDir, 'tests');
  rmSync(target, { recursive: true, force: true }); // a symlink named tests is unlinked, its target left alone
  copyTreeWithoutSymlinks(testsDir, target);
}

/** Runs the hidden tests; never throws for failing or hanging tests, only for a missing folder or node failing to start. */
export async function runAcceptanceTests(request: AcceptanceRequest): Promise<AcceptanceResult> {
  const { workDir, testsDir, timeoutMs } = request;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new AppError('BAD_INPUT', `expected a positive timeoutMs, got ${timeoutMs}`);
  installHiddenTests(workDir, testsDir);
  // Own process group (detached), so a timeout kills the test files node spawned and anything they spawned.
  const child = execa(process.execPath, ['--test', '--test-reporter=tap', 'tests/'], {
    cwd: workDir, env: buildTestEnv(), extendEnv: false, reject: false, stdin: 'ignore', detached: true,
  });
  let timedOut = false;
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // the group is already gone
    }
  };
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup('SIGTERM');
    setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS).unref();
  }, timeoutMs);
  const result = await child.finally(() => clearTimeout(timer));
  if (result.failed && result.exitCode === undefined && !timedOut && result.signal === undefined) {
    throw new AppError('IO', `expected node --test to start, got: ${result.shortMessage}`, { where: workDir });
  }
  const stdout = String(result.stdout);
  const output = `${stdout}\n${String(result.stderr)}`.trim();
  const summary = parseTapSummary(stdout);
  const total = summary?.tests ?? 0;
  const passed = summary?.pass ?? 0;
  const failed = (summary?.fail ?? 0) + (summary?.cancelled ?? 0);
  const scored: AcceptanceResult = {
    total, passed, failed,
    quality: total > 0 ? passed / total : 0,
    exitCode: result.exitCode ?? null,
    timedOut,
    outputTail: output.slice(-OUTPUT_TAIL),
  };
  if (!summary) scored.note = `quality 0: no TAP summary in the output${timedOut ? ` (timed out after ${timeoutMs} ms)` : ''}`;
  else if (total === 0) scored.note = 'quality 0: the hidden tests hold no tests';
  return scored;
}
