// The group watchdog: a runner killed with SIGKILL takes its agent's whole process group with it; a live runner's group is left alone.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAlive } from './test-fixtures/process-liveness.js';

const fixture = fileURLToPath(new URL('./test-fixtures/guarded-runner.ts', import.meta.url));

/** Starts the stand-in runner (through tsx) and waits for the pids of its group's leader and background child. */
async function startRunner(marker?: string): Promise<{ runner: ReturnType<typeof spawn>; leader: number; background: number }> {
  const args = ['--import', 'tsx', fixture, ...(marker ? [marker] : [])];
  const runner = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) => runner.stdout?.once('data', (data: Buffer) => resolve(String(data))));
  const [leader, background] = line.trim().split(' ').map(Number) as [number, number];
  return { runner, leader, background };
}

async function waitGone(pids: number[], ms: number): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until; ) {
    if (pids.every((pid) => !checkAlive(pid))) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return pids.every((pid) => !checkAlive(pid));
}

describe.runIf(process.platform === 'linux')('guardProcessGroup', () => {
  it('kills the group (leader and its children) once the runner is killed with SIGKILL', async () => {
    const { runner, leader, background } = await startRunner();
    try {
      expect(checkAlive(leader) && checkAlive(background)).toBe(true);
      runner.kill('SIGKILL');
      // The watchdog polls every 0.5 s; 5 s leaves room for a loaded machine.
      expect(await waitGone([leader, background], 5_000)).toBe(true);
    } finally {
      for (const pid of [leader, background]) if (checkAlive(pid)) process.kill(pid, 'SIGKILL');
    }
  });

  it('runs the cleanup command after the kill (what left the group: a podman container)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guard-cleanup-'));
    const marker = join(dir, 'cleaned');
    const { runner, leader, background } = await startRunner(marker);
    try {
      runner.kill('SIGKILL');
      expect(await waitGone([leader, background], 5_000)).toBe(true);
      // The cleanup runs once the group is gone: waited for until it wrote its file (the test's limit is the hang guard).
      while (!existsSync(marker)) await new Promise((done) => setTimeout(done, 50));
      expect(existsSync(marker)).toBe(true);
    } finally {
      for (const pid of [leader, background]) if (checkAlive(pid)) process.kill(pid, 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves the group alone while the runner lives', async () => {
    const { runner, leader, background } = await startRunner();
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      expect(checkAlive(leader) && checkAlive(background)).toBe(true);
    } finally {
      process.kill(-leader, 'SIGKILL');
      runner.kill('SIGKILL');
    }
  });
});
