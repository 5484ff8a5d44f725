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
  try {
    const { ids, lines } = splitRowLines(rows);
    return await appendInTransaction(client, file, ids, lines);
  } finally {
    client.release();
  }
}
