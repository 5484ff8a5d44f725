// Test seam: a node:fs whose writes and truncations on chosen paths fail as a full disk makes them fail.
import type * as Fs from 'node:fs';

export interface WriteFault {
  /** Which files fail (matched on the path the fd is open on). */
  match: (path: string) => boolean;
  /** Share of the next write's bytes that still go through before ENOSPC (0: the write fails at once). */
  partial: number;
  /** Set once the partial write happened: the next write throws. */
  wrote?: boolean;
  /** One-shot unless set: every matching write fails. */
  sticky?: boolean;
}

/** The faults armed right now; tests set and clear them. */
export const faults: { write: WriteFault | null; truncate: ((path: string) => boolean) | null } = { write: null, truncate: null };

const errno = (code: string, call: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: simulated by fs-faults, ${call}`), { code });

/** Wraps the real module: vi.mock('node:fs', async (real) => withFaults(await real())). */
export function withFaults(actual: typeof Fs): typeof Fs {
  const pathOf = (fd: number): string => {
    try {
      return actual.readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      return '';
    }
  };
  const writeSync = (fd: number, buffer: Buffer, offset?: number, length?: number, position?: number | null): number => {
    const fault = faults.write;
    if (fault && Buffer.isBuffer(buffer) && fault.match(pathOf(fd))) {
      const wanted = length ?? buffer.length - (offset ?? 0);
      if (fault.partial > 0 && !fault.wrote) {
        fault.wrote = true;
        return actual.writeSync(fd, buffer, offset ?? 0, Math.max(1, Math.floor(wanted * fault.partial)), position);
      }
      if (!fault.sticky) faults.write = null;
      throw errno('ENOSPC', 'write');
    }
    return (actual.writeSync as (...args: unknown[]) => number)(fd, buffer, offset, length, position);
  };
  const ftruncateSync = (fd: number, len?: number): void => {
    if (faults.truncate?.(pathOf(fd))) throw errno('EIO', 'ftruncate');
    actual.ftruncateSync(fd, len);
  };
  return { ...actual, writeSync: writeSync as typeof actual.writeSync, ftruncateSync };
}
