// The advisory lock of one ledger file: every writer, synchronous or not, must take the same one.

/** SQL that takes the lock for the transaction's rest; its one parameter is lockNameOf(file). */
export const LOCK_FILE_SQL = 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))';

export function lockNameOf(file: string): string {
  return `agent-tracker:${file}`;
}
