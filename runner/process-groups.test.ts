// The registry of process groups: tracked groups are killed whole, untracked and finished ones are not counted.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createGroupSignaller, killTrackedProcessGroups, signalProcessGroup, trackProcessGroup } from './process-groups.js';
import { checkAlive, waitUntilGone } from './test-fixtures/process-liveness.js';

/** A detached shell (its own group) with a background sleep; resolves once it printed the sleep's pid. */
async function startGroup(): Promise<{ leader: number; background: number; exited: Promise<unknown> }> {
  const child = spawn('/bin/sh', ['-c', 'sleep 30 &\necho $!\nwait'], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const background = await new Promise<number>((resolve) =>
    child.stdout.once('data', (data: Buffer) => resolve(Number(String(data).trim()))),
  );
  return { leader: child.pid as number, background, exited };
}

describe('process groups', () => {
  it('kills every tracked group, leader and children, and counts the groups it reached', async () => {
    const a = await startGroup();
    const b = await startGroup();
    const untrack = [trackProcessGroup(a.leader), trackProcessGroup(b.leader), trackProcessGroup(a.leader)]; // a twice: still one group
    try {
      expect(killTrackedProcessGroups()).toBe(2);
      await Promise.all([a.exited, b.exited]);
      expect(await waitUntilGone(a.background)).toBe(true);
      expect(await waitUntilGone(b.background)).toBe(true);
    } finally {
      for (const done of untrack) done();
    }
    expect(killTrackedProcessGroups()).toBe(0);
  });

  it("runs a group's cleanup when it is untracked and after a SIGKILL of every group, not after a SIGTERM", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'group-cleanup-'));
    const group = await startGroup();
    const untrack = trackProcessGroup(group.leader, { file: 'touch', args: [join(dir, 'untracked')] });
    const other = trackProcessGroup(group.leader, { file: 'touch', args: [join(dir, 'killed')] });
    try {
      killTrackedProcessGroups('SIGTERM');
      expect(existsSync(join(dir, 'killed'))).toBe(false);
      killTrackedProcessGroups('SIGKILL');
      expect(existsSync(join(dir, 'killed'))).toBe(true);
      untrack();
      expect(existsSync(join(dir, 'untracked'))).toBe(true);
    } finally {
      other();
      await group.exited;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves untracked groups alone', async () => {
    const kept = await startGroup();
    try {
      const untrack = trackProcessGroup(kept.leader);
      untrack();
      untrack(); // twice is harmless
      expect(killTrackedProcessGroups('SIGTERM')).toBe(0);
      expect(checkAlive(kept.leader) && checkAlive(kept.background)).toBe(true);
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
    for (const pid of [0, 1, -5, 2.5, Number.NaN])
      expect(() => trackProcessGroup(pid)).toThrow(/expected the pid of a process group leader/);
    expect(signalProcessGroup(0, 'SIGKILL')).toBe(false);
  });

  it("kills what the leader left at its exit, then drops every later signal (the group's id may be another's by then)", async () => {
    const started = await startGroup();
    const group = createGroupSignaller(started.leader);
    const kill = vi.spyOn(process, 'kill');
    try {
      process.kill(started.leader, 'SIGKILL'); // the leader alone: its background sleep stays in the group
      await started.exited;
      expect(checkAlive(started.background)).toBe(true);
      group.onExit();
      expect(await waitUntilGone(started.background)).toBe(true);
      const calls = kill.mock.calls.length;
      group.signal('SIGTERM');
      group.signal('SIGKILL');
      group.onExit();
      expect(kill.mock.calls.length).toBe(calls);
      expect(group.hasExited()).toBe(true);
    } finally {
      kill.mockRestore();
    }
  });
});
