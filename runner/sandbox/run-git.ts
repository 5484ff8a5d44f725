// Runs the real git in a sandbox, independent of the user's config, with a fixed identity and fixed dates.
import { execa } from 'execa';
import { AppError } from '../../kernel/index.js';
import type { IsolationPlan } from '../isolation/resolve-isolation.js';
import { describeSandboxStart, findSandboxStart } from '../isolation/find-sandbox-line.js';
import { pruneVanishedHides, type SandboxCommand, wrapCommand } from '../isolation/wrap-command.js';

export const RUNNER_NAME = 'agent-tracker runner';
export const RUNNER_EMAIL = 'runner@agent-tracker.invalid';
/** Every runner commit carries this date, so the same tree on the same parent always gives the same sha. */
export const FIXED_DATE = '2026-01-01T00:00:00Z';

/**
 * Options on every call: the agent may have written `.git/config`, so its hooks, fsmonitor and signing are switched off here.
 * `safe.directory=*`: an isolated arm's folder belongs to the sandbox's unprivileged uid, which git (>= 2.35.2) refuses
 * for a root runner ("dubious ownership", git-config(1) safe.directory, honoured on the command line). That check
 * guards against a hostile `.git/config`; commitAgentWork rewrites that file before the runner's git reads it.
 */
export const SAFE_CONFIG = [
  '-c',
  'safe.directory=*',
  '-c',
  'core.hooksPath=/dev/null',
  '-c',
  'core.fsmonitor=false',
  '-c',
  'commit.gpgsign=false',
  '-c',
  'core.autocrlf=false',
  // Every other key a repository's own config (or one it includes) can point at a program (git-config(1)): commands
  // that read a repository nobody here wrote (tasks import) must run none of them. A diff driver's textconv or
  // command cannot be named in advance: the diff commands pass --no-textconv and --no-ext-diff as well.
  '-c',
  'diff.external=',
  '-c',
  'core.sshCommand=false',
  '-c',
  'core.pager=cat',
  '-c',
  'core.attributesFile=/dev/null',
  '-c',
  'core.askPass=false',
  '-c',
  'credential.helper=',
  '-c',
  'gpg.program=false',
  '-c',
  'gpg.ssh.program=false',
  '-c',
  'gpg.x509.program=false',
  '-c',
  'log.showSignature=false',
  '-c',
  'protocol.allow=never',
  // A commit may start `git maintenance run --auto` (or gc) as a process of its own: the runner's repos are an arm's
  // or an import's, short-lived, and never need it.
  '-c',
  'maintenance.auto=false',
  '-c',
  'gc.auto=0',
];

/**
 * The whole `.git/config` of an arm repo: `git init`'s core section, and the identity an agent's own commits get
 * (its HOME has no git config). Written at creation and again before the runner commits, so nothing an agent put
 * there (a `filter.*.clean` command, `core.sshCommand`, an include) runs as the runner.
 */
export const RUNNER_GIT_CONFIG = `[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n\tlogallrefupdates = true\n[user]\n\tname = ${RUNNER_NAME}\n\temail = ${RUNNER_EMAIL}\n[commit]\n\tgpgsign = false\n`;

/** The process environment without any GIT_* variable (a GIT_DIR or GIT_INDEX_FILE from a hook would redirect git), plus ours. */
export function buildGitEnv(source: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value !== undefined && !key.startsWith('GIT_')) env[key] = value;
  }
  return {
    ...env,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ATTR_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: RUNNER_NAME,
    GIT_AUTHOR_EMAIL: RUNNER_EMAIL,
    GIT_COMMITTER_NAME: RUNNER_NAME,
    GIT_COMMITTER_EMAIL: RUNNER_EMAIL,
    GIT_AUTHOR_DATE: FIXED_DATE,
    GIT_COMMITTER_DATE: FIXED_DATE,
  };
}

/**
 * Where git runs once sandboxed code has had the repo: inside the run's isolation, as the sandbox's user, with only
 * `writable` (the arm folder) writable. git follows whatever it finds in `.git` (an `objects` folder linked to /etc,
 * a ref linked to a root-only file); run there, a planted link reaches only what the sandbox could reach itself.
 */
export interface GitConfinement {
  isolation: IsolationPlan | undefined;
  writable: string;
}

/**
 * Runs `git ARGS` in `cwd` and returns its stdout; a failure is an IO error quoting git's first stderr line.
 * `maxBytes`: stdout is read up to that many bytes and git stopped there (the output so far returned), for output
 * the agent decides the size of: a 120 MB diff, read whole, passed execa's 100 MB buffer, failed with "exit code
 * none" and took 540 MB of memory.
 */
export async function runGit(cwd: string, args: string[], confine?: GitConfinement, maxBytes?: number): Promise<string> {
  const command: SandboxCommand = { file: 'git', args: [...SAFE_CONFIG, ...args], env: buildGitEnv(), cwd };
  const start = async () => {
    const run = confine ? wrapCommand(confine.isolation, command, { writable: confine.writable, shareNet: false }) : command;
    const result = await execa(run.file, run.args, {
      cwd,
      env: run.env,
      extendEnv: false,
      reject: false,
      stdin: 'ignore',
      timeout: 60_000,
      ...(maxBytes === undefined ? {} : { maxBuffer: { stdout: maxBytes }, encoding: 'buffer' as const }),
    });
    return { run, result };
  };
  let { run, result } = await start();
  // A hidden data dir removed between wrapCommand's look and bwrap's mount stops bwrap before git runs: once more without it.
  if (result.failed && findSandboxStart(String(result.stderr)) !== null && pruneVanishedHides(confine?.isolation))
    ({ run, result } = await start());
  // A podman git killed at its timeout (or its output's cap) leaves its container to conmon: remove it, as the test runs do.
  if ((result.timedOut || result.isMaxBuffer) && run.cleanup)
    await execa(run.cleanup.file, run.cleanup.args, { reject: false, stdin: 'ignore' });
  if (maxBytes !== undefined && result.isMaxBuffer) return Buffer.from(result.stdout as Uint8Array).toString('utf8');
  if (result.failed) {
    if (result.code === 'ENOENT') throw new AppError('IO', 'expected git on PATH, got none');
    const sandboxLine = findSandboxStart(String(result.stderr));
    if (sandboxLine !== null) {
      const { message, kind } = describeSandboxStart(`git ${args[0] ?? ''}`, sandboxLine);
      throw new AppError('IO', message, { where: cwd, kind });
    }
    const reason =
      String(result.stderr)
        .split('\n')
        .find((line) => line.trim() !== '') ?? `exit code ${result.exitCode ?? 'none'}`;
    throw new AppError('IO', `expected git ${args[0] ?? ''} to succeed, got: ${reason.replace(/^fatal: /, '')}`, { where: cwd });
  }
  // execa already strips the final newline (also of a Buffer's).
  return maxBytes === undefined ? String(result.stdout) : Buffer.from(result.stdout as Uint8Array).toString('utf8');
}
