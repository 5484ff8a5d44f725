// Inter-process exclusive locks on ledger files with flock(2): the kernel drops them when a holder dies.
import { createRequire } from 'node:module';
import { isMainThread } from 'node:worker_threads';
import { AppError } from '../../kernel/index.js';

type Flock = (fd: number, flags: 'ex' | 'sh' | 'exnb' | 'shnb' | 'un') => void;
let flock: Flock | null = null;
const require = createRequire(import.meta.url);

/**
 * fs-ext, loaded on the first lock (a reader that takes none never loads it), in the main thread only: a thread that
 * loads the addon after another thread that had it ended aborts the whole process (V8 "Check failed:
 * node->IsInUse()" in the addon's init; reproduced on Node 20, ADR 0028). A CommonJS addon: loaded through require,
 * so ESM interop cannot trip on it.
 */
function loadFlock(): Flock {
  if (flock) return flock;
  if (!isMainThread)
    throw new AppError(
      'RULE_VIOLATION',
      'a ledger file lock was asked for in a worker thread: locks are taken in the main thread (ADR 0028)',
    );
  flock = (require('fs-ext') as { flockSync: Flock }).flockSync;
  return flock;
}

const flockSync: Flock = (fd, flags) => loadFlock()(fd, flags);

/** Runs `fn` while holding an exclusive flock on `fd`; blocks until every other holder has let go. */
export function withExclusiveLock<T>(fd: number, fn: () => T): T {
  flockSync(fd, 'ex');
  try {
    return fn();
  } finally {
    flockSync(fd, 'un');
  }
}

/**
 * Takes a flock on `fd` without waiting: true when taken, false when another open file holds a conflicting one
 * (even in this process: flock locks belong to an open file, not to a process). Kept until `unlockFile` or close.
 */
export function tryLockFile(fd: number, mode: 'exclusive' | 'shared'): boolean {
  try {
    flockSync(fd, mode === 'exclusive' ? 'exnb' : 'shnb');
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EAGAIN' || code === 'EWOULDBLOCK') return false;
    throw error;
  }
}

/** Lets go of this open file's flock. */
export function unlockFile(fd: number): void {
  flockSync(fd, 'un');
}
