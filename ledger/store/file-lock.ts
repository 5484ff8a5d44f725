// Inter-process exclusive locks on ledger files with flock(2): the kernel drops them when a holder dies.
import { createRequire } from 'node:module';

// fs-ext is a CommonJS native addon; load it through require so ESM interop cannot trip on it.
const require = createRequire(import.meta.url);
const { flockSync } = require('fs-ext') as { flockSync: (fd: number, flags: 'ex' | 'sh' | 'exnb' | 'shnb' | 'un') => void };

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
