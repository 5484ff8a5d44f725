// The path a reader reads for one ledger file: the file itself, or for a PostgreSQL ledger its local copy, caught up.
import { readLedgerUrl } from '../pg/ledger-binding.js';
import { refreshLocalCopy } from '../pg/local-copy.js';
import { resolveLedgerPath, type LedgerFile } from './data-dir.js';

/** Call right before reading: with PostgreSQL, the copy then holds every row committed so far. */
export function locateLedgerFile(dataDir: string, file: LedgerFile): string {
  const url = readLedgerUrl(dataDir);
  return url === null ? resolveLedgerPath(dataDir, file) : refreshLocalCopy(dataDir, url, file);
}
