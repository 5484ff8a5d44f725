// The everyday servers' refused clients kept in the data dir's state (count, first and last time, reason; never a secret or a path given), for tracker status.
import { closeSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as z from 'zod';
import { type FileBound, isAppError, readBoundedFile, tryLockFile } from '../../ledger/index.js';
import { openLockFile } from './open-lock-file.js';

/** Who refused: `tracker proxy` (requests and the exports it answers) or `tracker otel`. */
export type RefusingServer = 'proxy' | 'otel';

/** Why: the base URL's secret path was missing or wrong, or the x-tracker-auth token was. */
export type RefusalReason = 'base-path' | 'token';

const RefusalStateSchema = z.object({
  server: z.enum(['proxy', 'otel']),
  count: z.number().int().nonnegative(),
  first_at: z.string(),
  last_at: z.string(),
  last_reason: z.enum(['base-path', 'token']),
  /** Each reason's count: a hundred refusals at the wrong base URL and one wrong token are two problems. */
  by_reason: z.object({ 'base-path': z.number().int().nonnegative(), token: z.number().int().nonnegative() }),
});
export type RefusalState = z.infer<typeof RefusalStateSchema>;

/** A client retrying every few milliseconds rewrites the file at most this often; the last refusals are written at stop. */
const FLUSH_MS = 1_000;
/** The file is a hundred bytes or so: past this it is none. */
const REFUSAL_FILE: FileBound = { what: 'a refusals file', maxBytes: 64 * 1024 };

type Noted = { by_reason: Record<RefusalReason, number>; first_at: string; last_at: string; last_reason: RefusalReason };

export interface RefusalRecorder {
  note(reason: RefusalReason): void;
  /** Writes what was noted since the last write (at stop). */
  flush(): void;
}

export function resolveRefusalFile(dataDir: string, server: RefusingServer): string {
  return join(dataDir, 'state', `refused-${server}.json`);
}

/**
 * Counts refusals in memory and adds them to the file (read again at each write, so a restart or a second server on
 * the data dir adds to the count instead of resetting it). A write that fails is dropped: the terminal line said it.
 * Nothing here waits: the writes run on the server's own thread, and a FIFO at the file froze every request after
 * the first refusal. A lock held by another process keeps the refusals in memory for the next write; a FIFO, a device
 * or a huge file at the file or its lock is not read. Each of those is said once, on `say` (stderr by default).
 */
export function createRefusalRecorder(
  dataDir: string,
  server: RefusingServer,
  clock: () => Date = () => new Date(),
  say: (line: string) => void = (line) => process.stderr.write(`tracker ${server}: ${line}\n`),
): RefusalRecorder {
  const file = resolveRefusalFile(dataDir, server);
  const lockFile = `${file}.lock`;
  let pending: Noted | null = null;
  let timer: NodeJS.Timeout | null = null;
  const said = new Set<string>();
  const sayOnce = (key: string, line: string): void => {
    if (said.has(key)) return;
    said.add(key);
    say(line);
  };
  const schedule = (): void => {
    if (timer === null) timer = setTimeout(flush, FLUSH_MS).unref();
  };
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending === null) return;
    const noted = pending;
    pending = null;
    try {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      // Read, add and write under a lock: two servers on one data dir add to each other's counts, not over them.
      const lock = openLockFile(lockFile);
      try {
        if (tryLockFile(lock, 'exclusive'))
          addToFile(file, server, noted, (line) => sayOnce('file', `${line}: not read; tracker status counts the refusals from now on`));
        else {
          // Kept for the next write (nothing was noted since: this runs in one go).
          pending = noted;
          schedule();
          sayOnce('lock', `${lockFile}: held by another process: the refusals wait in memory until it is free (no request waits on it)`);
        }
      } finally {
        // Closing the lock file lets go of its lock.
        closeSync(lock);
      }
    } catch (error) {
      // A lock file that is no file: said once; the data dir unwritable (read-only, full): the server's own line says it.
      if (isAppError(error) && error.where === lockFile)
        sayOnce('lock-file', `${error.toLine()}: the refusals are not written while it is there`);
    }
  };
  return {
    note(reason) {
      const at = clock().toISOString();
      const counts = pending?.by_reason ?? { 'base-path': 0, token: 0 };
      pending = {
        by_reason: { ...counts, [reason]: counts[reason] + 1 },
        first_at: pending?.first_at ?? at,
        last_at: at,
        last_reason: reason,
      };
      schedule();
    },
    flush,
  };
}

/**
 * The refusals kept for each server of the data dir (none: empty). A file that cannot be read (a FIFO, a device, a
 * huge file in its place) counts as none, and `onUnreadable` is told one line naming it.
 */
export function readRefusals(dataDir: string, onUnreadable?: (line: string) => void): RefusalState[] {
  return (['proxy', 'otel'] as const).flatMap((server) => readHeldRefusals(resolveRefusalFile(dataDir, server), onUnreadable) ?? []);
}

/** The file's refusals through the guarded reader; null when there is none, it is not JSON of their shape, or unreadable. */
function readHeldRefusals(file: string, onUnreadable?: (line: string) => void): RefusalState | null {
  try {
    const text = readBoundedFile(file, REFUSAL_FILE);
    if (text === null) return null;
    const parsed = RefusalStateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch (error) {
    if (isAppError(error)) onUnreadable?.(error.toLine());
    return null;
  }
}

/** Adds what was noted to what the file holds (none when it is unreadable: `onUnreadable` is told) and writes it whole. */
function addToFile(file: string, server: RefusingServer, noted: Noted, onUnreadable: (line: string) => void): void {
  const held = readHeldRefusals(file, onUnreadable);
  const by_reason = {
    'base-path': (held?.by_reason['base-path'] ?? 0) + noted.by_reason['base-path'],
    token: (held?.by_reason.token ?? 0) + noted.by_reason.token,
  };
  writeRefusalFile(file, {
    server,
    count: by_reason['base-path'] + by_reason.token,
    first_at: held?.first_at ?? noted.first_at,
    last_at: noted.last_at,
    last_reason: noted.last_reason,
    by_reason,
  });
}

/** Written whole through a new temp file (`wx`: never through a FIFO or a link already at its name), then renamed. */
function writeRefusalFile(file: string, state: RefusalState): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(tmp, `${JSON.stringify(state)}\n`, { mode: 0o600, flag: 'wx' });
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}
