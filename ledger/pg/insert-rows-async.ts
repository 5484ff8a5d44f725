// The asynchronous append for long-running writers (the proxy): a pool, one transaction a batch, the file's lock.
import pg from 'pg';
import { appendInTransaction, splitRowLines } from './append-in-transaction.js';

export type LedgerPool = pg.Pool;

/** A small pool: batches go one at a time per writer, so two connections cover a batch and a status query. */
export function openLedgerPool(url: string): LedgerPool {
  const pool = new pg.Pool({ connectionString: url, max: 2, application_name: 'agent-tracker proxy' });
  // An idle connection that drops is replaced on the next query; unhandled, its error would end the process.
  pool.on('error', () => {});
  return pool;
}

/** Inserts rows (already stamped and redacted) with appendInTransaction on a pooled connection. */
export async function insertRowsLocked(pool: LedgerPool, file: string, rows: object[]): Promise<number> {
  const client = await pool.connect();
  // pg-pool stops listening for a client's 'error' while it is checked out (pg-pool/index.js, _acquireClient removes
  // its idle listener), and pg's Client emits 'error' when its connection drops, after failing the query in flight.
  // Unheard, that ended a worker's process with "Unhandled 'error' event" when the database restarted mid-arm (issue
  // 44, item 5); the failed query already carries the error to the caller.
  const ignore = (): void => undefined;
  client.on('error', ignore);
  try {
    const { ids, lines } = splitRowLines(rows);
    const inserted = await appendInTransaction(client, file, ids, lines);
    client.removeListener('error', ignore);
    client.release();
    return inserted;
  } catch (error) {
    // Released with the error, the connection is closed rather than pooled again: it may be the one that broke.
    client.release(error as Error);
    throw error;
  }
}
