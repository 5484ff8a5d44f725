// `tracker ledger push`: copies a JSONL data directory's rows into a PostgreSQL ledger, each row at most once.
import { existsSync } from 'node:fs';
import { LEDGER_FILES, resolveLedgerPath } from '../store/data-dir.js';
import { ID_AT_LINE_START } from '../store/find-written-ids.js';
import { readLines } from '../store/read-lines.js';
import { pgBridge } from './pg-bridge.js';

/** Rows sent per INSERT: large enough to amortise the round trip, small enough to keep a page in memory. */
const BATCH = 5_000;

export interface PushedFile {
  file: string;
  /** Complete lines read from the file. */
  read: number;
  /** Rows the database did not have. */
  added: number;
  /** Rows it had already (an earlier push, or the same row written twice). */
  already: number;
  /** Lines without a row id at their start: not rows of this tool, left out (the file is not changed). */
  skipped: number;
}

/**
 * Pushes every ledger file of `dataDir` (the files themselves, never a copy) to `url`. Each file goes in one
 * transaction under that file's lock, so a push racing live writers interleaves with them row-whole, and an
 * interrupted push leaves the file either pushed or not. Rows are matched by id: a second push adds nothing.
 */
export function pushLedger(dataDir: string, url: string, onFile: (pushed: PushedFile) => void = () => {}): PushedFile[] {
  const pushed: PushedFile[] = [];
  for (const file of Object.values(LEDGER_FILES)) {
    const path = resolveLedgerPath(dataDir, file);
    if (!existsSync(path)) continue;
    const result = pushFile(url, file, path);
    pushed.push(result);
    onFile(result);
  }
  return pushed;
}

function pushFile(url: string, file: string, path: string): PushedFile {
  const result: PushedFile = { file, read: 0, added: 0, already: 0, skipped: 0 };
  let ids: string[] = [];
  let lines: string[] = [];
  const flush = () => {
    if (ids.length === 0) return;
    const added = pgBridge.insert(url, file, ids, lines).length;
    result.added += added;
    result.already += ids.length - added;
    ids = [];
    lines = [];
  };
  pgBridge.begin(url);
  try {
    pgBridge.lock(url, file);
    readLines(path, ({ text }) => {
      result.read += 1;
      const id = ID_AT_LINE_START.exec(text)?.[1];
      if (id === undefined) {
        result.skipped += 1;
        return;
      }
      ids.push(id);
      lines.push(text);
      if (ids.length >= BATCH) flush();
    });
    flush();
    pgBridge.commit(url);
  } catch (error) {
    pgBridge.rollback(url);
    throw error;
  }
  return result;
}
