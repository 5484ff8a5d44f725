// The everyday servers' refused clients kept in the data dir's state (count, first and last time, reason; never a secret or a path given), for tracker status.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as z from 'zod';

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
  let pending: { count: number; first_at: string; last_at: string; last_reason: RefusalReason } | null = null;
  let timer: NodeJS.Timeout | null = null;
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending === null) return;
    const held = readRefusalFile(file);
    const next: RefusalState = {
      server,
      count: (held?.count ?? 0) + pending.count,
      first_at: held?.first_at ?? pending.first_at,
      last_at: pending.last_at,
      last_reason: pending.last_reason,
    };
    pending = null;
    try {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, `${JSON.stringify(next)}\n`, { mode: 0o600 });
      renameSync(tmp, file);
    } catch {
      // The data dir unwritable (read-only, full): the server's own terminal line is what the user gets.
    }
  };
  return {
    note(reason) {
      const at = clock().toISOString();
      pending = { count: (pending?.count ?? 0) + 1, first_at: pending?.first_at ?? at, last_at: at, last_reason: reason };
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
