// One experiment run per data dir at a time: an flock(2) on run.lock held for the whole run, which the kernel drops if the runner dies.
import { closeSync, constants, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../kernel/index.js';
import { ensureDataDir, ensureDir } from '../store/data-dir.js';
import { tryLockFile, unlockFile } from '../store/file-lock.js';

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

/** A refused take is tried again this often, this far apart: `readRunLock` holds a shared lock for microseconds to look. */
const TAKE_TRIES = 5;
const TAKE_PAUSE_MS = 20;

function resolveLockPath(dataDir: string): string {
  return join(dataDir, 'state', 'runs', 'run.lock');
}

/**
 * Takes the data dir's run lock; refuses while another process holds it. One run at a time per data dir: two
 * runs would measure the same providers' bars at once. The lock is an flock on `run.lock` (ADR 0001), kept until
 * `release` or the process's death, so a SIGKILLed runner leaves nothing to take over. The file names the holder;
 * `release` empties it and a dead runner's text is left behind, which is how the next run knows it died.
 */
export function takeRunLock(dataDir: string, planId: string): RunLock {
  ensureDataDir(dataDir);
  const path = join(ensureDir(join(dataDir, 'state', 'runs')), 'run.lock');
  const fd = openSync(path, constants.O_RDWR | constants.O_CREAT, 0o644);
  try {
    if (!tryTaking(fd)) refuseHolder(readHolder(path), path);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  const left = readHolder(path);
  const text = JSON.stringify({ pid: process.pid, plan_id: planId, started_at: new Date().toISOString() });
  ftruncateSync(fd, 0);
  writeSync(fd, text, 0);
  let released = false;
  return {
    staleFrom: left ? { ...left, alive: false } : null,
    release: () => {
      if (released) return;
      released = true;
      ftruncateSync(fd, 0);
      unlockFile(fd);
      closeSync(fd);
    },
  };
}

function tryTaking(fd: number): boolean {
  for (let tries = 1; ; tries += 1) {
    if (tryLockFile(fd, 'exclusive')) return true;
    if (tries === TAKE_TRIES) return false;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, TAKE_PAUSE_MS);
  }
}

function refuseHolder(held: Omit<RunLockInfo, 'alive'> | null, path: string): never {
  // No text yet: the holder took the lock a moment ago and is writing its name.
  if (!held) throw new AppError('RULE_VIOLATION', "another run took this data dir's lock just now", { where: path });
  throw new AppError(
    'RULE_VIOLATION',
    `this data dir is being run by process ${held.pid} (plan ${held.plan_id}, since ${held.started_at}); wait for it, or stop it and run again to resume`,
    { where: path },
  );
}

/** The holder the lock file names (a live or a dead one), or null when it is empty or absent. */
function readHolder(path: string): Omit<RunLockInfo, 'alive'> | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (text.trim() === '') return null;
  try {
    const value = JSON.parse(text) as { pid?: unknown; plan_id?: unknown; started_at?: unknown };
    const pid = typeof value.pid === 'number' ? value.pid : -1;
    return { pid, plan_id: String(value.plan_id ?? '?'), started_at: String(value.started_at ?? '?') };
  } catch {
    return { pid: -1, plan_id: '?', started_at: '?' };
  }
}

/** Who holds or last held the data dir's lock without releasing it, and whether a run holds it now; null when nobody does. */
export function readRunLock(dataDir: string): RunLockInfo | null {
  const path = resolveLockPath(dataDir);
  const held = readHolder(path);
  if (!held) return null;
  const fd = openSync(path, 'r');
  try {
    const free = tryLockFile(fd, 'shared');
    if (free) unlockFile(fd);
    return { ...held, alive: !free };
  } finally {
    closeSync(fd);
  }
}
