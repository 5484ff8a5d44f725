// What the main thread may ask the PostgreSQL worker (ledger/pg/pg-worker.ts): one named operation per call.

export type PgRequest =
  | { op: 'migrate'; appRole?: string | null }
  | { op: 'close' }
  | { op: 'begin' }
  | { op: 'lock'; file: string }
  | { op: 'insert'; file: string; ids: string[]; lines: string[] }
  | { op: 'fence'; sql: string; params: unknown[] }
  | { op: 'commit' }
  | { op: 'append'; file: string; ids: string[]; lines: string[] }
  | { op: 'rollback' }
  | { op: 'copy'; file: string; after: number; limit: number; fd: number; offset: number }
  | { op: 'reject'; name: string; reason: string; raw: Uint8Array }
  | { op: 'count' };

/** What `migrate` reports. */
export interface MigrateResult {
  from: number | null;
  to: number;
  applied: { version: number; name: string }[];
  granted: string | null;
  /** What the role was granted, in words (null without --app-role). */
  grants: string | null;
}

/** What `copy` wrote: the rows, the last row's seq (`after` when none), and the bytes written from the offset. */
export interface CopiedPage {
  rows: number;
  lastSeq: number;
  bytes: number;
}
