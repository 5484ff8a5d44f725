// Runs one (sandboxed) test command in its own process group, with a whole-run limit, and returns what it printed.
import { execa } from 'execa';
import { AppError } from '../../kernel/index.js';
import { attachOutboundNetwork } from '../isolation/attach-outbound-network.js';
import type { SandboxCommand } from '../isolation/wrap-command.js';
import { signalProcessGroup, trackProcessGroup } from '../process-groups.js';

/** After a SIGTERM, how long the tests get before SIGKILL. */
const KILL_GRACE_MS = 2000;

export interface TestProcessResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  /** Killed at the whole-run limit. */
  timedOut: boolean;
}

/** Never throws for failing or hanging tests; throws IO when the command cannot start at all. */
export async function runTestProcess(
  command: SandboxCommand,
  timeoutMs: number,
  label: string,
  signal?: AbortSignal,
): Promise<TestProcessResult> {
  // Own process group (detached), so a timeout kills whatever the tests spawned.
  // The environment is built from nothing (extendEnv false): the tests load code the agent wrote.
  const child = execa(command.file, command.args, {
    cwd: command.cwd,
    env: command.env,
    extendEnv: false,
    reject: false,
    // An outbound command says on fd 3 that it is in its own network namespace, and waits on stdin for its network.
    stdio: command.outbound ? ['pipe', 'pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'],
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
  // The caller gave up on the run (an import that stopped): its whole group goes, as at the limit.
  const onAbort = (): void => killGroup('SIGKILL');
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) onAbort();
  // Nothing the tests started outlives the run.
  child.once('exit', () => {
    exited = true;
    killGroup('SIGKILL');
  });
  let result: Awaited<typeof child>;
  let stopNetwork: (() => void) | undefined;
  let networkError: Error | undefined;
  try {
    if (command.outbound && pid !== undefined)
      stopNetwork = await attachOutboundNetwork(pid, child.stdio[3], child.stdin, command.outbound).catch((error: Error) => {
        networkError = error;
        killGroup('SIGKILL');
        return undefined;
      });
    result = await child;
  } finally {
    clearTimeout(timer);
    clearTimeout(graceTimer);
    signal?.removeEventListener('abort', onAbort);
    killGroup('SIGKILL');
    stopNetwork?.();
    untrack();
  }
  if (networkError && !timedOut) {
    const said = String(result.stderr).trim().split('\n').slice(-2).join(' | ');
    const why = `${networkError.message}${said ? ` (${said})` : ''}`;
    throw new AppError('IO', `expected ${label} to get its outbound network (slirp4netns), got: ${why}`, {
      where: command.cwd,
    });
  }
  if (result.failed && result.exitCode === undefined && !timedOut && result.signal === undefined) {
    throw new AppError('IO', `expected ${label} to start, got: ${result.shortMessage}`, { where: command.cwd });
  }
  return { stdout: String(result.stdout), stderr: String(result.stderr), exitCode: result.exitCode ?? null, timedOut };
}
