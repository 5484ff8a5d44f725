// Calls the PostgreSQL worker synchronously: the ledger's API is synchronous (flock, fsync), so its PostgreSQL
// backend blocks on a worker thread (synckit: Atomics.wait on a shared buffer) instead of making every caller async.
import { existsSync } from 'node:fs';
import type * as Synckit from 'synckit';
import { AppError, requireLazily, resolvePackagePath } from '../../kernel/index.js';
import { describeLedgerUrl } from './ledger-url.js';
import type { CopiedPage, MigrateResult, PgRequest } from './pg-request.js';

type CallPg = (url: string, request: PgRequest) => unknown;

let callWorker: CallPg | null = null;
// Every append reaches this module; only a PostgreSQL ledger needs synckit.
const loadSynckit = requireLazily<typeof Synckit>('synckit');

/**
 * The worker's compiled file in dist/, found from the package root: this module may run from dist/ledger/pg/, from a
 * chunk of the bundled bins (dist/cli/chunks/) or from its TypeScript source (unit tests, after `npm run build`).
 */
function locateWorker(): string {
  const built = resolvePackagePath('dist/ledger/pg/pg-worker.js');
  if (!existsSync(built)) throw new AppError('IO', 'the PostgreSQL worker is not built: run npm run build', { where: built });
  return built;
}

function call<T>(url: string, request: PgRequest): T {
  callWorker ??= loadSynckit().createSyncFn(locateWorker()) as CallPg;
  try {
    return callWorker(url, request) as T;
  } catch (error) {
    throw new AppError('IO', `${describeLedgerUrl(url)}: ${(error as Error).message}`, { kind: 'ledger-unavailable', cause: error });
  }
}

export const pgBridge = {
  migrate: (url: string, appRole: string | null) => call<MigrateResult>(url, { op: 'migrate', appRole }),
  begin: (url: string) => call<null>(url, { op: 'begin' }),
  lock: (url: string, file: string) => call<null>(url, { op: 'lock', file }),
  insert: (url: string, file: string, ids: string[], lines: string[]) => call<string[]>(url, { op: 'insert', file, ids, lines }),
  /** Runs a statement inside the open transaction; resolves with the number of rows it touched. */
  fence: (url: string, sql: string, params: unknown[]) => call<number>(url, { op: 'fence', sql, params }),
  commit: (url: string) => call<null>(url, { op: 'commit' }),
  append: (url: string, file: string, ids: string[], lines: string[]) => call<null>(url, { op: 'append', file, ids, lines }),
  rollback: (url: string) => call<null>(url, { op: 'rollback' }),
  /** Writes a page of rows into `fd` at `offset` in the worker (the lines never cross threads). */
  copy: (url: string, file: string, after: number, limit: number, fd: number, offset: number) =>
    call<CopiedPage>(url, { op: 'copy', file, after, limit, fd, offset }),
  reject: (url: string, name: string, reason: string, raw: Uint8Array) => call<null>(url, { op: 'reject', name, reason, raw }),
  count: (url: string) => call<Record<string, number>>(url, { op: 'count' }),
  close: (url: string) => {
    if (callWorker) call<null>(url, { op: 'close' });
  },
};
