// One experiment run per data dir at a time: a lock file naming the runner's pid and plan, taken over when that process is gone.
import { closeSync, existsSync, linkSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDir } from '../ledger/index.js';
import { AppError } from '../kernel/index.js';

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
 * dir: two runs would measure the same providers' bars at once. The lock is written to a temp file and
 * hard-linked into place, which fails if a lock exists. Taking over a dead runner's lock is serialized by
 * a `run.lock.takeover` file made with O_EXCL, and the lock is checked again under it, so two runners
 * that both found it stale can never both end up holding it.
 */
export function takeRunLock(dataDir: string, planId: string): RunLock {
  const dir = ensureDir(join(dataDir, 'state', 'runs'));
  const path = resolveLockPath(dataDir);
  const held = readRunLock(dataDir);
  refuseLiveHolder(held, path);
  if (held)
    withTakeover(dir, () => {
      const again = readRunLock(dataDir);
      refuseLiveHolder(again, path);
      // Still the same dead runner's lock: nobody took it over meanwhile.
      if (again && again.pid === held.pid && again.started_at === held.started_at) rmSync(path, { force: true });
    });
  const tmp = join(dir, `.${process.pid}.lock`);
  writeFileSync(tmp, JSON.stringify({ pid: process.pid, plan_id: planId, started_at: new Date().toISOString() }));
  try {
    linkSync(tmp, path);
  } catch (error) {
    throw new AppError('RULE_VIOLATION', `another run took this data dir's lock just now (${(error as NodeJS.ErrnoException).code})`, {
      where: path,
      cause: error,
    });
  } finally {
    rmSync(tmp, { force: true });
  }
  return {
    staleFrom: held && !held.alive ? held : null,
    release: () => {
      const now = readRunLock(dataDir);
      if (now?.pid === process.pid) rmSync(path, { force: true });
    },
  };
}

function refuseLiveHolder(held: RunLockInfo | null, path: string): void {
  if (held?.alive && held.pid !== process.pid) {
    throw new AppError(
      'RULE_VIOLATION',
      `this data dir is being run by process ${held.pid} (plan ${held.plan_id}, since ${held.started_at}); wait for it, or stop it and run again to resume`,
      { where: path },
    );
  }
}

/** Runs `take` holding the take-over file; one left by a dead process is cleared once. */
function withTakeover(dir: string, take: () => void): void {
  const file = join(dir, 'run.lock.takeover');
  for (let cleared = false; ; ) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(file);
      // No pid yet (being written) or a live one: someone else is taking over right now.
      if (cleared || owner === null || checkAlive(owner)) {
        throw new AppError('RULE_VIOLATION', "another run is taking over this data dir's lock just now; try again", { where: file });
      }
      rmSync(file, { force: true });
      cleared = true;
    }
  }
  try {
    take();
  } finally {
    rmSync(file, { force: true });
  }
}

function readOwner(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
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
