// Which data directories keep their ledger in PostgreSQL: bound by `--ledger`, else TRACKER_LEDGER_URL for all.
import { resolve } from 'node:path';
import { refusePostgresDataDir } from './ledger-marker.js';
import { checkLedgerUrl } from './ledger-url.js';

const bound = new Map<string, string>();
// Readers ask on every scan: a string checked once is not parsed again.
const checked = new Set<string>();

/** From now on, this process keeps `dataDir`'s ledger rows in the database at `url` (local state stays in dataDir). */
export function bindPostgresLedger(dataDir: string, url: string, where = '--ledger'): void {
  bound.set(resolve(dataDir), checkLedgerUrl(url, where));
}

/** The database holding `dataDir`'s ledger, or null for the JSONL files in the directory itself. */
export function readLedgerUrl(dataDir: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const dir = resolve(dataDir);
  const url = bound.get(dir) ?? (env.TRACKER_LEDGER_URL || null);
  if (url === null) refusePostgresDataDir(dir);
  if (url === null || checked.has(url)) return url;
  checked.add(checkLedgerUrl(url, 'TRACKER_LEDGER_URL'));
  return url;
}
