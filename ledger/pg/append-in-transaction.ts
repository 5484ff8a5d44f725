// The one locked append to a PostgreSQL ledger, shared by the synchronous bridge's worker and the proxy's pool.
import type pg from 'pg';
import { INSERT_ROWS_SQL, LOCK_FILE_SQL, lockNameOf } from './lock-key.js';

/** A row's id and its JSONL line, in two arrays (unnest's parameters). */
export function splitRowLines(rows: readonly object[]): { ids: string[]; lines: string[] } {
  return { ids: rows.map((row) => String((row as { id?: unknown }).id)), lines: rows.map((row) => JSON.stringify(row)) };
}

/**
 * BEGIN, the file's advisory lock, the insert (ids already there skipped), COMMIT; ROLLBACK on any failure.
 * Every writer takes the same lock, so each file's `seq` stays its commit order (ledger/pg/local-copy.ts reads by it).
 * Resolves with the number of rows new to the database.
 */
export async function appendInTransaction(client: pg.ClientBase, file: string, ids: string[], lines: string[]): Promise<number> {
  await client.query('BEGIN');
  try {
    await client.query(LOCK_FILE_SQL, [lockNameOf(file)]);
    const result = await client.query(INSERT_ROWS_SQL, [file, ids, lines]);
    await client.query('COMMIT');
    return result.rowCount ?? 0;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
