// A PostgreSQL ledger's rows, copied into the data directory as JSONL, so every reader (the byte scanners of preview
// and capture among them) reads them exactly as it reads a file ledger. The copy is derived: the database decides.
import { closeSync, fstatSync, ftruncateSync, mkdirSync, openSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { ensureDataDir } from '../store/data-dir.js';
import { withExclusiveLock } from '../store/file-lock.js';
import { readStateJson } from '../store/read-bounded-file.js';
import { writeJsonAtomically } from '../store/write-json-atomically.js';
import { markPostgresDataDir } from './ledger-marker.js';
import { type CopyPosition, copyRowsInto } from './copy-rows.js';

/** Where the copy of `url`'s ledger lives: one folder per database (never keyed by the password). */
export function locateLocalCopy(dataDir: string, url: string): string {
  const parsed = new URL(url);
  const key = createHash('sha256')
    .update(`${parsed.username}@${parsed.host}${parsed.pathname}?host=${parsed.searchParams.get('host') ?? ''}`)
    .digest('hex')
    .slice(0, 16);
  return join(dataDir, 'postgres-copy', key);
}

/**
 * Brings the copy of `file` up to the rows committed so far and returns its path. Under the copy's flock, so two
 * processes of one machine never write it at once; rows arrive in `seq` order, which is each file's append order.
 */
export function refreshLocalCopy(dataDir: string, url: string, file: string): string {
  // The data dir first, on its own: a file in its way is then named as such (EEXIST), as with a file ledger.
  ensureDataDir(dataDir);
  markPostgresDataDir(resolve(dataDir), url);
  const dir = locateLocalCopy(dataDir, url);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, file);
  const positionPath = `${path}.position.json`;
  const fd = openSync(path, 'a+');
  try {
    withExclusiveLock(fd, () => {
      const position = readPosition(positionPath);
      const size = fstatSync(fd).size;
      // Longer: a refresh was killed after writing rows but before recording them; shorter: the copy was damaged.
      // Either way the copy is cut back to what is known and fetched again from there; the database has every row.
      if (size !== position.bytes) {
        const restart = size > position.bytes ? position : { seq: 0, bytes: 0 };
        ftruncateSync(fd, restart.bytes);
        Object.assign(position, restart);
      }
      copyRowsInto(url, file, fd, position, (copied) => writeJsonAtomically(positionPath, copied));
    });
  } finally {
    closeSync(fd);
  }
  return path;
}

function readPosition(path: string): CopyPosition {
  // A missing or damaged position file (or anything but a small regular file there): start the copy over.
  const value = readStateJson(path) as Partial<CopyPosition> | undefined;
  if (typeof value === 'object' && value !== null && isCount(value.seq) && isCount(value.bytes))
    return { seq: value.seq, bytes: value.bytes };
  return { seq: 0, bytes: 0 };
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}
