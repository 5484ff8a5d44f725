// The asynchronous append for long-running writers (the proxy): a pool, one transaction a batch, the file's lock.
import pg from 'pg';
import { INSERT_ROWS_SQL, LOCK_FILE_SQL, lockNameOf } from './lock-key.js';

export type LedgerPool = pg.Pool;

/** A small pool: batches go one at a time per writer, so two connections cover a batch and a status query. */
export function openLedgerPool(url: string): LedgerPool {
  const pool = new pg.Pool({ connectionString: url, max: 2, application_name: 'agent-tracker proxy' });
  // An idle connection that drops is replaced on the next query; unhandled, its error would end the process.
  pool.on('error', () => {});
  return pool;
}

/**
 * Inserts rows (already stamped and redacted) under the same advisory lock as the synchronous appends, so each
 * file's `seq` stays its commit order (ledger/pg/local-copy.ts reads by it). Rows whose id is there are skipped:
 * a retried batch gives each row once. Resolves with the number of rows new to the database.
 */
export async function insertRowsLocked(pool: LedgerPool, file: string, rows: object[]): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(LOCK_FILE_SQL, [lockNameOf(file)]);
    const result = await client.query(INSERT_ROWS_SQL, [
      file,
      rows.map((row) => String((row as { id?: unknown }).id)),
      rows.map((row) => JSON.stringify(row)),
    ]);
    await client.query('COMMIT');
    return result.rowCount ?? 0;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
