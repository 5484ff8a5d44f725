// A data directory used with a PostgreSQL ledger says so in ledger-backend.json, so a command run later without
// the connection string is refused instead of starting a second, local ledger beside the team's (a split brain).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../kernel/index.js';
import { readStateJson } from '../store/read-bounded-file.js';
import { writeJsonAtomically } from '../store/write-json-atomically.js';
import { describeLedgerUrl } from './ledger-url.js';

const MARKER = 'ledger-backend.json';
const marked = new Set<string>();
const unmarked = new Set<string>();

/** Records, once, that `dataDir` belongs to the database at `url` (without its password). */
export function markPostgresDataDir(dataDir: string, url: string): void {
  if (marked.has(dataDir)) return;
  const path = join(dataDir, MARKER);
  if (!existsSync(path)) writeJsonAtomically(path, { backend: 'postgres', ledger: describeLedgerUrl(url) });
  marked.add(dataDir);
}

/** Refuses a file-ledger command on a data directory whose ledger lives in PostgreSQL. */
export function refusePostgresDataDir(dataDir: string): void {
  if (unmarked.has(dataDir)) return;
  const path = join(dataDir, MARKER);
  if (!existsSync(path)) {
    unmarked.add(dataDir);
    return;
  }
  // A damaged marker (or anything but a small regular file there) still marks the directory.
  const marker = readStateJson(path);
  const named = typeof marker === 'object' && marker !== null ? (marker as { ledger?: unknown }).ledger : undefined;
  const ledger = typeof named === 'string' ? named : 'a PostgreSQL database';
  throw new AppError(
    'BAD_USAGE',
    `this data directory keeps its ledger in PostgreSQL (${ledger}): set TRACKER_LEDGER_URL or pass --ledger; to go back to files, tracker ledger export --to a new directory`,
    { where: dataDir },
  );
}
