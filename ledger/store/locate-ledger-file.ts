// The path a reader reads for one ledger file: the file itself, or for a PostgreSQL ledger its local copy, caught up.
import { join } from 'node:path';
import { readLedgerUrl } from '../pg/ledger-binding.js';
import { locateLocalCopy, refreshLocalCopy } from '../pg/local-copy.js';
import { LEDGER_FILES, resolveLedgerPath, type LedgerFile } from './data-dir.js';

/** False in a thread whose local copies another thread catches up (the catch-up takes the copy's file lock). */
let refreshCopies = true;

/** Call right before reading: with PostgreSQL, the copy then holds every row committed so far. */
export function locateLedgerFile(dataDir: string, file: LedgerFile): string {
  const url = readLedgerUrl(dataDir);
  if (url === null) return resolveLedgerPath(dataDir, file);
  return refreshCopies ? refreshLocalCopy(dataDir, url, file) : join(locateLocalCopy(dataDir, url), file);
}

/**
 * From now on this thread reads a PostgreSQL ledger's local copies as they are: a reader thread, whose copies the
 * main thread catches up before each reading (refreshLedgerCopies), as a thread takes no file lock (ADR 0028).
 */
export function readLedgerCopiesAsTheyAre(): void {
  refreshCopies = false;
}

/** Catches every ledger file's local copy up with the database (nothing to do for a file ledger). */
export function refreshLedgerCopies(dataDir: string): void {
  const url = readLedgerUrl(dataDir);
  if (url !== null) for (const file of Object.values(LEDGER_FILES)) refreshLocalCopy(dataDir, url, file);
}
