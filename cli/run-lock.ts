// One run per plan and data dir at a time: a lock file naming the runner's pid, taken over when that process is gone.
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, ensureDir } from '../ledger/index.js';

export interface RunLock {
  /** The pid of an earlier run that died holding the lock (its arms are resumed), or null. */
  staleFrom: number | null;
  release(): void;
}

export interface RunLockInfo {
  pid: number;
  started_at: string;
  alive: boolean;
}

function lockPath(dataDir: string, planId: string): string {
  return join(dataDir, 'state', 'runs', `${planId}.lock`);
}

/** Takes the plan's lock; refuses while another live process holds it (two runners would run the same arms twice). */
export function takeRunLock(dataDir: string, planId: string): RunLock {
  ensureDir(join(dataDir, 'state', 'runs'));
  const path = lockPath(dataDir, planId);
  const held = readRunLock(dataDir, planId);
  if (held?.alive && held.pid !== process.pid) {
    throw new AppError('RULE_VIOLATION', `plan ${planId} is already being run by process ${held.pid} (since ${held.started_at}); wait for it, or stop it and run again to resume`, { where: path });
  }
  if (held) rmSync(path, { force: true });
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    throw new AppError('RULE_VIOLATION', `another run of plan ${planId} took the lock just now (${(error as NodeJS.ErrnoException).code})`, { where: path, cause: error });
  }
  writeSync(fd, JSON.stringify({ pid: process.pid, started_at: new Date().toISOString() }));
  closeSync(fd);
  return {
    staleFrom: held && !held.alive ? held.pid : null,
    release: () => rmSync(path, { force: true }),
  };
}

/** Who holds the plan's lock, and whether that process still lives; null when nobody does. */
export function readRunLock(dataDir: string, planId: string): RunLockInfo | null {
  const path = lockPath(dataDir, planId);
  if (!existsSync(path)) return null;
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown; started_at?: unknown };
    const pid = typeof value.pid === 'number' ? value.pid : -1;
    return { pid, started_at: String(value.started_at ?? '?'), alive: pid > 0 && isAlive(pid) };
  } catch {
    return { pid: -1, started_at: '?', alive: false };
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
