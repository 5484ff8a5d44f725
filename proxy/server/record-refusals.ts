// The everyday servers' refused clients kept in the data dir's state (count, first and last time, reason; never a secret or a path given), for tracker status.
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as z from 'zod';
import { withExclusiveLock } from '../../ledger/index.js';

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
 */
export function createRefusalRecorder(dataDir: string, server: RefusingServer, clock: () => Date = () => new Date()): RefusalRecorder {
  const file = resolveRefusalFile(dataDir, server);
  let pending: { by_reason: Record<RefusalReason, number>; first_at: string; last_at: string; last_reason: RefusalReason } | null = null;
  let timer: NodeJS.Timeout | null = null;
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending === null) return;
    const noted = pending;
    pending = null;
    try {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      // Read, add and write under a lock: two servers on one data dir add to each other's counts, not over them.
      const lock = openSync(`${file}.lock`, 'a', 0o600);
      try {
        withExclusiveLock(lock, () => {
          const held = readRefusalFile(file);
          const by_reason = {
            'base-path': (held?.by_reason['base-path'] ?? 0) + noted.by_reason['base-path'],
            token: (held?.by_reason.token ?? 0) + noted.by_reason.token,
          };
          const next: RefusalState = {
            server,
            count: by_reason['base-path'] + by_reason.token,
            first_at: held?.first_at ?? noted.first_at,
            last_at: noted.last_at,
            last_reason: noted.last_reason,
            by_reason,
          };
          const tmp = `${file}.${process.pid}.tmp`;
          writeFileSync(tmp, `${JSON.stringify(next)}\n`, { mode: 0o600 });
          renameSync(tmp, file);
        });
      } finally {
        closeSync(lock);
      }
    } catch {
      // The data dir unwritable (read-only, full): the server's own terminal line is what the user gets.
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
      if (timer === null) timer = setTimeout(flush, FLUSH_MS).unref();
    },
    flush,
  };
}

/** The refusals kept for each server of the data dir (none: empty). */
export function readRefusals(dataDir: string): RefusalState[] {
  return (['proxy', 'otel'] as const).flatMap((server) => readRefusalFile(resolveRefusalFile(dataDir, server)) ?? []);
}

function readRefusalFile(file: string): RefusalState | null {
  try {
    const parsed = RefusalStateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
