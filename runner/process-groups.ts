// The process groups the runner started (agents, hidden-test runs), so a CLI stopped by SIGINT/SIGTERM can kill them all.
// They are started detached (a group of their own), so a Ctrl-C at the terminal does not reach them by itself.
import { spawnSync } from 'node:child_process';
import { AppError } from '../kernel/index.js';
import { type GroupCleanup, guardProcessGroup } from './guard-process-group.js';

/** One entry per track call: a pid tracked twice is killed once and stays tracked until both untrack. */
const tracked = new Set<{ pid: number; cleanup?: GroupCleanup | undefined }>();

/**
 * Remembers the process group led by `pid` (a child started with `detached: true`) until the returned function is called,
 * with a watchdog that kills the group should this process die first (guard-process-group.ts).
 * Refuses pids that would make `process.kill(-pid)` hit something else (0: our own group; 1: every process).
 * `cleanup` (podman's `rm -f`) reaches what left the group: it runs when untracked, after a SIGKILL of every group,
 * and from the watchdog.
 */
export function trackProcessGroup(pid: number, cleanup?: GroupCleanup): () => void {
  if (!Number.isInteger(pid) || pid <= 1) throw new AppError('BAD_INPUT', `expected the pid of a process group leader, got ${pid}`);
  const entry = { pid, cleanup };
  tracked.add(entry);
  const unguard = guardProcessGroup(pid, cleanup);
  return () => {
    tracked.delete(entry);
    unguard();
    // Synchronous: a container left running (its podman client got SIGKILL) could still write the arm folder.
    if (cleanup) runCleanup(cleanup);
  };
}

function runCleanup(cleanup: GroupCleanup): void {
  spawnSync(cleanup.file, cleanup.args, { stdio: 'ignore', timeout: 60_000 });
}

/** Sends `signal` to every tracked group; returns how many groups it reached (a group already gone is skipped). They stay tracked. */
export function killTrackedProcessGroups(signal: NodeJS.Signals = 'SIGKILL'): number {
  let reached = 0;
  for (const pid of new Set([...tracked].map((entry) => entry.pid))) {
    if (signalProcessGroup(pid, signal)) reached += 1;
  }
  if (signal === 'SIGKILL') for (const entry of tracked) if (entry.cleanup) runCleanup(entry.cleanup);
  return reached;
}

/** `process.kill(-pid, signal)`: true when the group got it, false when it is gone (ESRCH) or not ours (EPERM). */
export function signalProcessGroup(pid: number, signal: NodeJS.Signals): boolean {
  if (!Number.isInteger(pid) || pid <= 1) return false;
  try {
    process.kill(-pid, signal);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ESRCH' || code === 'EPERM') return false;
    throw error;
  }
}

export interface GroupSignaller {
  /** Signals the group, unless its leader has exited (then the group was killed then, and this is dropped). */
  signal(signal: NodeJS.Signals): void;
  /** For the leader's 'exit': kills whatever it left in the group, once; later signals are dropped. */
  onExit(): void;
  hasExited(): boolean;
}

/**
 * The one way a child's process group is signalled (the agent under a budget, a CLI's `--version`): SIGKILL to the
 * whole group when its leader exits, so nothing it started outlives it or holds its pipes, and no signal after that,
 * because once the group is gone its id can be reused by an unrelated process. `pid` undefined (a spawn that failed):
 * every call does nothing.
 */
export function createGroupSignaller(pid: number | undefined): GroupSignaller {
  let exited = false;
  return {
    signal(signal) {
      if (!exited && pid !== undefined) signalProcessGroup(pid, signal);
    },
    onExit() {
      if (exited) return;
      if (pid !== undefined) signalProcessGroup(pid, 'SIGKILL');
      exited = true;
    },
    hasExited: () => exited,
  };
}
