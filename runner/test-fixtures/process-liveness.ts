// Test helper: whether a process is still running, and waiting for a killed one to be gone.
import { existsSync, readFileSync } from 'node:fs';

/**
 * Still running: `process.kill(pid, 0)` does not throw ESRCH and, where /proc shows it, it is not a zombie
 * (a killed orphan stays a zombie until pid 1 reaps it, and some container inits never do).
 */
export function checkAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return !/^\d+ \(.*\) Z/.test(stat);
}

/** Gone, allowing a moment (up to 1 s) for the killed process to be reaped by whoever inherited it. */
export async function waitUntilGone(pid: number): Promise<boolean> {
  for (let i = 0; i < 40 && checkAlive(pid); i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
  return !checkAlive(pid);
}
