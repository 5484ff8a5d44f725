// Runs several git steps as one sh script: one process (and one sandbox) where each step was one of its own.
import { execa } from 'execa';
import { AppError } from '../../kernel/index.js';
import { type SandboxCommand, wrapCommand } from '../isolation/wrap-command.js';
import { buildGitEnv, type GitConfinement, SAFE_CONFIG } from './run-git.js';

/**
 * Every step the runner takes on an arm's repo was a process forked from the runner, and a confined one a sandbox
 * too: 9 of an arm's 15 processes. A fork's cost grows with the forking process's memory (7.5 ms at 52 MB, 15.6 ms
 * at 262 MB, 32.5 ms at 682 MB of resident memory, one script spawning /bin/true), and the runner is a large process.
 *
 * `body` is sh (POSIX; dash on Debian) that calls `git "$@" ...`, so each call gets SAFE_CONFIG; its own arguments
 * `args` come first and the body takes them with `shift`. `step NAME` before a step names it in a failure, which
 * reads as runGit's does ("expected git NAME to succeed, got: <git's first line>"). What the body prints on stdout is
 * returned as lines, those printed before a failure too: the caller checks them in order.
 */
export async function runGitScript(
  cwd: string,
  body: string,
  args: string[],
  confine?: GitConfinement,
): Promise<{ lines: string[]; failure: AppError | null }> {
  const script = `set -e\nstep() { printf '@step %s\\n' "$1" >&2; }\n${body}`;
  const command: SandboxCommand = { file: 'sh', args: ['-c', script, 'git-steps', ...args, ...SAFE_CONFIG], env: buildGitEnv(), cwd };
  const run = confine ? wrapCommand(confine.isolation, command, { writable: confine.writable, shareNet: false }) : command;
  const result = await execa(run.file, run.args, { cwd, env: run.env, extendEnv: false, reject: false, stdin: 'ignore', timeout: 120_000 });
  if (result.timedOut && run.cleanup) await execa(run.cleanup.file, run.cleanup.args, { reject: false, stdin: 'ignore' });
  const lines = String(result.stdout).split('\n');
  if (!result.failed) return { lines, failure: null };
  if (result.code === 'ENOENT') return { lines, failure: new AppError('IO', 'expected sh on PATH, got none') };
  return { lines, failure: describeFailure(String(result.stderr), result.exitCode, cwd) };
}

/** The step that failed (the last one named) and git's first line after it, as runGit words a failed git. */
function describeFailure(stderr: string, exitCode: number | undefined, cwd: string): AppError {
  const lines = stderr.split('\n');
  const at = lines.findLastIndex((line) => line.startsWith('@step '));
  const step = at >= 0 ? (lines[at] as string).slice('@step '.length) : 'script';
  const reason = lines.slice(at + 1).find((line) => line.trim() !== '' && !line.startsWith('@step ')) ?? `exit code ${exitCode ?? 'none'}`;
  return new AppError('IO', `expected git ${step} to succeed, got: ${reason.replace(/^fatal: /, '')}`, { where: cwd });
}
