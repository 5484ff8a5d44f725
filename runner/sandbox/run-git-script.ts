// Runs several git steps as one sh script: one process (and one sandbox) where each step was one of its own.
import { randomBytes } from 'node:crypto';
import { execa } from 'execa';
import { AppError } from '../../kernel/index.js';
import { describeSandboxStart, findSandboxStart } from '../isolation/find-sandbox-line.js';
import { pruneVanishedHides, type SandboxCommand, wrapCommand } from '../isolation/wrap-command.js';
import { buildGitEnv, type GitConfinement, SAFE_CONFIG } from './run-git.js';

/** The script's own time limit: its steps had 60 s each. */
const SCRIPT_TIMEOUT_MS = 120_000;

export interface GitScriptResult {
  /** What the body printed on stdout, a line each, those printed before a failure too. */
  lines: string[];
  /** The step that failed (the last one named), or null when the script succeeded. */
  failedStep: string | null;
  failure: AppError | null;
}

/**
 * Every step the runner takes on an arm's repo was a process forked from the runner, and a confined one a sandbox
 * too: 9 of an arm's 15 processes. A fork's cost grows with the forking process's memory (7.5 ms at 52 MB, 15.6 ms
 * at 262 MB, 32.5 ms at 682 MB of resident memory, one script spawning /bin/true), and the runner is a large process.
 *
 * `body` is sh (POSIX; dash on Debian) that calls `git "$@" ...`, so each call gets SAFE_CONFIG; its own arguments
 * `args` come first and the body takes them with `shift`. `step NAME` before a step names it in a failure, which
 * reads as runGit's does ("expected git NAME to succeed, got: <git's first line>"). The names go to stderr behind a
 * marker made for this run: git quotes the work tree's file names in its errors, and the agent chose those names.
 * The script runs in a process group of its own, killed whole at the time limit (git would outlive its sh and keep
 * the output open).
 */
export async function runGitScript(
  cwd: string,
  body: string,
  args: string[],
  confine?: GitConfinement,
  timeoutMs = SCRIPT_TIMEOUT_MS,
): Promise<GitScriptResult> {
  const marker = `@step-${randomBytes(8).toString('hex')} `;
  const script = `set -e\nstep() { printf '%s%s\\n' "$STEP_MARKER" "$1" >&2; }\nSTEP_MARKER='${marker}'\n${body}`;
  const command: SandboxCommand = { file: 'sh', args: ['-c', script, 'git-steps', ...args, ...SAFE_CONFIG], env: buildGitEnv(), cwd };
  const run = confine ? wrapCommand(confine.isolation, command, { writable: confine.writable, shareNet: false }) : command;
  const child = execa(run.file, run.args, { cwd, env: run.env, extendEnv: false, reject: false, stdin: 'ignore', detached: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (child.pid !== undefined) killGroup(child.pid);
  }, timeoutMs);
  const result = await child.finally(() => clearTimeout(timer));
  if ((timedOut || result.isMaxBuffer) && run.cleanup) await execa(run.cleanup.file, run.cleanup.args, { reject: false, stdin: 'ignore' });
  const lines = String(result.stdout).split('\n');
  if (!result.failed && !timedOut) return { lines, failedStep: null, failure: null };
  if (result.code === 'ENOENT') return { lines, failedStep: null, failure: new AppError('IO', `expected ${run.file} on PATH, got none`) };
  const sandboxLine = timedOut ? null : findSandboxStart(String(result.stderr));
  if (sandboxLine !== null) {
    // A hidden data dir removed since wrapCommand looked stopped bwrap before the script ran: once more without it.
    if (pruneVanishedHides(confine?.isolation)) return runGitScript(cwd, body, args, confine, timeoutMs);
    const { message, kind } = describeSandboxStart("the runner's git", sandboxLine);
    return { lines, failedStep: null, failure: new AppError('IO', message, { where: cwd, kind }) };
  }
  const stderr = String(result.stderr).split('\n');
  const at = stderr.findLastIndex((line) => line.startsWith(marker));
  const step = at >= 0 ? (stderr[at] as string).slice(marker.length) : 'script';
  const reason = timedOut
    ? `no end within ${timeoutMs / 1000} s`
    : (stderr.slice(at + 1).find((line) => line.trim() !== '' && !line.startsWith(marker)) ?? `exit code ${result.exitCode ?? 'none'}`);
  return {
    lines,
    failedStep: step,
    failure: new AppError('IO', `expected git ${step} to succeed, got: ${reason.replace(/^fatal: /, '')}`, { where: cwd }),
  };
}

/** SIGKILL to the script's whole group (it leads one: `detached`); a group already gone is no error. */
function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // the group ended meanwhile
  }
}
