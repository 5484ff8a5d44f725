// The process groups the runner started (agents, hidden-test runs), so a CLI stopped by SIGINT/SIGTERM can kill them all.
// They are started detached (a group of their own), so a Ctrl-C at the terminal does not reach them by itself.
import { AppError } from '../kernel/index.js';
import { guardProcessGroup } from './guard-process-group.js';

/** One entry per track call: a pid tracked twice is killed once and stays tracked until both untrack. */
const tracked = new Set<{ pid: number }>();

/**
 * Remembers the process group led by `pid` (a child started with `detached: true`) until the returned function is called,
 * with a watchdog that kills the group should this process die first (guard-process-group.ts).
 * Refuses pids that would make `process.kill(-pid)` hit something else (0: our own group; 1: every process).
 */
export function trackProcessGroup(pid: number): () => void {
  if (!Number.isInteger(pid) || pid <= 1) throw new AppError('BAD_INPUT', `expected the pid of a process group leader, got ${pid}`);
  const entry = { pid };
  tracked.add(entry);
  const unguard = guardProcessGroup(pid);
  return () => {
    tracked.delete(entry);
    unguard();
  };
}

/** Sends `signal` to every tracked group; returns how many groups it reached (a group already gone is skipped). They stay tracked. */
export function killTrackedProcessGroups(signal: NodeJS.Signals = 'SIGKILL'): number {
  let reached = 0;
  for (const pid of new Set([...tracked].map((entry) => entry.pid))) {
    if (signalProcessGroup(pid, signal)) reached += 1;
  }
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
