// The registry of process groups: tracked groups are killed whole, untracked and finished ones are not counted.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { killTrackedProcessGroups, signalProcessGroup, trackProcessGroup } from './process-groups.js';

/** A detached shell (its own group) with a background sleep; resolves once it printed the sleep's pid. */
async function startGroup(): Promise<{ leader: number; background: number; exited: Promise<unknown> }> {
  const child = spawn('/bin/sh', ['-c', 'sleep 30 &\necho $!\nwait'], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const background = await new Promise<number>((resolve) => child.stdout.once('data', (data: Buffer) => resolve(Number(String(data).trim()))));
  return { leader: child.pid as number, background, exited };
}

/** Gone or a zombie (a killed orphan stays a zombie until pid 1 reaps it, and some container inits never do). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return !/^\d+ \(.*\) Z/.test(stat);
}

async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 40 && alive(pid); i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
  return !alive(pid);
}

describe('process groups', () => {
  it('kills every tracked group, leader and children, and counts the groups it reached', async () => {
    const a = await startGroup();
    const b = await startGroup();
    const untrack = [trackProcessGroup(a.leader), trackProcessGroup(b.leader), trackProcessGroup(a.leader)]; // a twice: still one group
    try {
      expect(killTrackedProcessGroups()).toBe(2);
      await Promise.all([a.exited, b.exited]);
      expect(await gone(a.background)).toBe(true);
      expect(await gone(b.background)).toBe(true);
    } finally {
      for (const done of untrack) done();
    }
    expect(killTrackedProcessGroups()).toBe(0);
  });

  it('leaves untracked groups alone', async () => {
    const kept = await startGroup();
    try {
      const untrack = trackProcessGroup(kept.leader);
      untrack();
      untrack(); // twice is harmless
      expect(killTrackedProcessGroups('SIGTERM')).toBe(0);
      expect(alive(kept.leader) && alive(kept.background)).toBe(true);
    } finally {
      process.kill(-kept.leader, 'SIGKILL');
      await kept.exited;
    }
  });

  it('skips a tracked group that is already gone', async () => {
    const child = spawn('/bin/sh', ['-c', 'exit 0'], { detached: true, stdio: 'ignore' });
    await new Promise((resolve) => child.once('exit', resolve));
    const untrack = trackProcessGroup(child.pid as number);
    try {
      expect(killTrackedProcessGroups()).toBe(0);
      expect(signalProcessGroup(child.pid as number, 'SIGKILL')).toBe(false);
    } finally {
      untrack();
    }
  });

  it('refuses pids that would signal our own group or every process', () => {
    for (const pid of [0, 1, -5, 2.5, Number.NaN]) expect(() => trackProcessGroup(pid)).toThrow(/expected the pid of a process group leader/);
    expect(signalProcessGroup(0, 'SIGKILL')).toBe(false);
  });
});
