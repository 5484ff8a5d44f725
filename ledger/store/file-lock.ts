// Inter-process exclusive locks on ledger files with flock(2): the kernel drops them when a holder dies.
import { createRequire } from 'node:module';

// fs-ext is a CommonJS native addon; load it through require so ESM interop cannot trip on it.
const require = createRequire(import.meta.url);
const { flockSync } = require('fs-ext') as { flockSync: (fd: number, flags: 'ex' | 'sh' | 'un') => void };

/** Runs `fn` while holding an exclusive flock on `fd`; blocks until every other holder has let go. */
export function withExclusiveLock<T>(fd: number, fn: () => T): T {
  flockSync(fd, 'ex');
  try {
    return fn();
  } finally {
    flockSync(fd, 'un');
  }
}
