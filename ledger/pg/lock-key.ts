// The advisory lock of one ledger file: every writer, synchronous or not, must take the same one.

/** SQL that takes the lock for the transaction's rest; its one parameter is lockNameOf(file). */
export const LOCK_FILE_SQL = 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))';

/** Inserts rows ($1 the file, $2 ids, $3 lines), skipping ids the file has: every append is idempotent. */
export const INSERT_ROWS_SQL = `INSERT INTO ledger_rows (file, id, line) SELECT $1, * FROM unnest($2::text[], $3::text[])
  ON CONFLICT (file, id) DO NOTHING RETURNING id`;

export function lockNameOf(file: string): string {
  return `agent-tracker:${file}`;
}
