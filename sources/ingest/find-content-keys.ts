// Which readings an ingest already recorded, by the content key each carries, so ingesting a report twice adds nothing.
import { LEDGER_FILES, locateLedgerFile, readLines } from '../../ledger/index.js';

/** Which of `keys` the snapshot file already holds; only rows that carry a content key are decoded. */
export function findContentKeys(dataDir: string, keys: string[]): Set<string> {
  const present = new Set<string>();
  if (keys.length === 0) return present;
  const wanted = new Set(keys);
  readLines(
    locateLedgerFile(dataDir, LEDGER_FILES.snapshots),
    ({ text }) => {
      const match = /"content_key":"([0-9a-f]{32})"/.exec(text);
      if (match?.[1] && wanted.has(match[1])) present.add(match[1]);
    },
    { needles: ['"content_key":"'] },
  );
  return present;
}
