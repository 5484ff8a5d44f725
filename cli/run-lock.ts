// One experiment run per data dir at a time: a lock file naming the runner's pid and plan, taken over when that process is gone.
import { existsSync, linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, ensureDir } from '../ledger/index.js';

export interface RunLock {
  /** An earlier run that died holding the lock, or null. */
  staleFrom: RunLockInfo | null;
  release(): void;
}

export interface RunLockInfo {
  pid: number;
  plan_id: string;
  started_at: string;
  alive: boolean;
}

function resolveLockPath(dataDir: string): string {
  return join(dataDir, 'state', 'runs', 'run.lock');
}

/**
 * Takes the data dir's run lock; refuses while another live process holds it. One run at a time per data
 * dir: two runs would measure the same providers' bars at once. Written to a temp file and hard-linked
 * into place, which fails if the lock exists, so two runners can never both hold it.
 */
export function takeRunLock(dataDir: string, planId: string): RunLock {
  const dir = ensureDir(join(dataDir, 'state', 'runs'));
  const path = resolveLockPath(dataDir);
  const held = readRunLock(dataDir);
  if (held?.alive && held.pid !== process.pid) {
    throw new AppError('RULE_VIOLATION', `this data dir is being run by process ${held.pid} (plan ${held.plan_id}, since ${held.started_at}); wait for it, or stop it and run again to resume`, { where: path });
  }
  if (held) {
    // Moved aside rather than deleted: a racer that took it over meanwhile keeps its own (the link below fails).
    try {
      renameSync(path, join(dir, `stale-${held.pid}.lock`));
    } catch {
      // already moved by another runner
    }
  }
  const tmp = join(dir, `.${process.pid}.lock`);
  writeFileSync(tmp, JSON.stringify({ pid: process.pid, plan_id: planId, started_at: new Date().toISOString() }));
  try {
    linkSync(tmp, path);
  } catch (error) {
    throw new AppError('RULE_VIOLATION', `another run took this data dir's lock just now (${(error as NodeJS.ErrnoException).code})`, { where: path, cause: error });
  } finally {
    rmSync(tmp, { force: true });
  }
  if (held) rmSync(join(dir, `stale-${held.pid}.lock`), { force: true });
  return {
    staleFrom: held && !held.alive ? held : null,
    release: () => {
      const now = readRunLock(dataDir);
      if (now?.pid === process.pid) rmSync(path, { force: true });
    },
  };
}

/** Who holds the data dir's lock, and whether that process still lives; null when nobody does. */
export function readRunLock(dataDir: string): RunLockInfo | null {
  const path = resolveLockPath(dataDir);
  if (!existsSync(path)) return null;
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown; plan_id?: unknown; started_at?: unknown };
    const pid = typeof value.pid === 'number' ? value.pid : -1;
    return { pid, plan_id: String(value.plan_id ?? '?'), started_at: String(value.started_at ?? '?'), alive: pid > 0 && checkAlive(pid) };
  } catch {
    return { pid: -1, plan_id: '?', started_at: '?', alive: false };
  }
}

function checkAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
