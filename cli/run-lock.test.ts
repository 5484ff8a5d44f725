// The data-dir run lock: a live holder refuses others; a dead holder's lock is taken over by exactly one of many racers.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { readRunLock, takeRunLock } from '../ledger/runs/index.js';

const LOCK_MODULE = fileURLToPath(new URL('../ledger/runs/run-lock.ts', import.meta.url));
const EXPERIMENT_CLI = fileURLToPath(new URL('./experiment.ts', import.meta.url));

/** A lock left by a process that no longer exists. */
function leaveStaleLock(dataDir: string): void {
  mkdirSync(join(dataDir, 'state', 'runs'), { recursive: true });
  writeFileSync(
    join(dataDir, 'state', 'runs', 'run.lock'),
    JSON.stringify({ pid: 2 ** 22 + 12345, plan_id: 'plan-dead', started_at: '2026-01-01T00:00:00Z' }),
  );
}

describe('takeRunLock', () => {
  it('names its holder and plan, and is free again once released', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'run-lock-'));
    const lock = takeRunLock(dataDir, 'plan-a');
    expect(readRunLock(dataDir)).toMatchObject({ pid: process.pid, plan_id: 'plan-a', alive: true });
    lock.release();
    expect(readRunLock(dataDir)).toBeNull();
  });

  it('takes over a dead runner and says which plan it held', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'run-lock-'));
    leaveStaleLock(dataDir);
    const lock = takeRunLock(dataDir, 'plan-b');
    expect(lock.staleFrom).toMatchObject({ plan_id: 'plan-dead', alive: false });
    lock.release();
  });

  it("lets exactly one of eight processes racing for a dead runner's lock hold it", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'run-lock-race-'));
    leaveStaleLock(dataDir);
    const release = join(dataDir, 'release');
    const go = Date.now() + 2_500;
    // The one that takes it holds it until every racer has answered: a racer slow to start (tsx, a loaded machine)
    // must meet a live holder, not one that already exited and so freed the lock.
    const script = `import { existsSync } from 'node:fs'; import { takeRunLock } from ${JSON.stringify(LOCK_MODULE)};
      while (Date.now() < ${go}) {}
      try { takeRunLock(${JSON.stringify(dataDir)}, 'plan-r'); console.log('TOOK');
        const wait = setInterval(() => { if (existsSync(${JSON.stringify(release)})) clearInterval(wait); }, 20); }
      catch { console.log('REFUSED'); }`;
    const racers = Array.from({ length: 8 }, () =>
      execa(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { reject: false }),
    );
    await Promise.all(racers.map((racer) => new Promise((resolve) => racer.stdout?.once('data', resolve))));
    writeFileSync(release, '');
    const runs = await Promise.all(racers);
    const took = runs.filter((run) => run.stdout.includes('TOOK')).length;
    expect(runs.every((run) => run.exitCode === 0)).toBe(true);
    expect(took).toBe(1);
  });

  it('refuses a second run while a process holds the lock, and is free once that process is SIGKILLed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'run-lock-kill-'));
    const script = `import { takeRunLock } from ${JSON.stringify(LOCK_MODULE)};
      takeRunLock(${JSON.stringify(dataDir)}, 'plan-k'); console.log('TOOK'); setTimeout(() => {}, 60_000);`;
    const holder = execa(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { reject: false });
    await new Promise<void>((resolve) => holder.stdout?.once('data', () => resolve()));
    expect(readRunLock(dataDir)).toMatchObject({ pid: holder.pid, plan_id: 'plan-k', alive: true });
    expect(() => takeRunLock(dataDir, 'plan-x')).toThrow(`being run by process ${holder.pid} (plan plan-k`);
    holder.kill('SIGKILL');
    await holder;
    expect(readRunLock(dataDir)).toMatchObject({ pid: holder.pid, alive: false });
    const lock = takeRunLock(dataDir, 'plan-x');
    expect(lock.staleFrom).toMatchObject({ pid: holder.pid, plan_id: 'plan-k', alive: false });
    lock.release();
    expect(readRunLock(dataDir)).toBeNull();
  });

  it('refuses `experiment run` in a locked data dir with one line, before any warning or banner', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'run-lock-cli-'));
    const lock = takeRunLock(dataDir, 'plan-held');
    try {
      const run = await execa(process.execPath, ['--import', 'tsx', EXPERIMENT_CLI, 'run', '--seed', 'lock-check', '--data-dir', dataDir], {
        reject: false,
        env: { TRACKER_DATA_DIR: '' },
      });
      expect(run.exitCode).not.toBe(0);
      expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining(`being run by process ${process.pid} (plan plan-held`)]);
    } finally {
      lock.release();
    }
  });
});
