// What the file ingests share: one lock and one state file per kind under state/_ingest, and a file's identity by its head.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDir, readStateJson, withExclusiveLock } from '../../ledger/index.js';

const HEAD_BYTES = 1024;

/** What every file ingest takes besides its home: whose readings they are, and a progress callback. */
export interface FileIngestOptions {
  provider?: string;
  /** Called after each file, for progress on long runs. */
  onFile?: (done: number, total: number) => void;
}

/** What a file ingest did: files seen and read, new bytes, readings recorded, and the first parts it could not use. */
export interface FileIngestResult {
  files: number;
  filesRead: number;
  bytesRead: number;
  readings: number;
  skipped: { file: string; reason: string }[];
}

/**
 * Runs `ingest` under an exclusive lock (state/_ingest/<kind>.lock), so overlapping runs (cron and a person) cannot
 * both record the same lines; it gets the path of its state file, `<kind>.json`, saved by the ingest itself.
 */
export function withIngestLock<T>(dataDir: string, kind: string, ingest: (statePath: string) => T): T {
  const stateDir = ensureDir(join(dataDir, 'state', '_ingest'));
  const lock = openSync(join(stateDir, `${kind}.lock`), 'a+');
  try {
    return withExclusiveLock(lock, () => ingest(locateIngestState(dataDir, kind)));
  } finally {
    closeSync(lock);
  }
}

/** Where an ingest of `kind` keeps its state (read without the lock by a reader that only looks). */
export function locateIngestState(dataDir: string, kind: string): string {
  return join(dataDir, 'state', '_ingest', `${kind}.json`);
}

/**
 * A state file's object (a record keyed by home; its marks as the ingest wrote them, atomically: writeJsonAtomically);
 * a missing or unreadable one starts afresh, every file read from its start.
 */
export function readIngestState<T extends Record<string, unknown>>(path: string): T {
  const value = readStateJson(path);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as T) : ({} as T);
}

/** Digest of the file's first bytes: the same file, even when copied over itself; another file otherwise. */
export function digestHead(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const read = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return createHash('sha1').update(buffer.subarray(0, read)).digest('hex');
  } finally {
    closeSync(fd);
  }
}

/** How far a file was read (`offset`) and the digest of its head then (digestHead). */
export interface ReadMark {
  offset: number;
  head: string;
}

/**
 * Where to read a file on from: its size and head now, and whether it is still the file its mark was taken of (same
 * head, not shorter), in which case reading goes on from the mark; null, with the reason given to `skip`, when the file
 * cannot be read.
 */
export function locateReadStart(
  path: string,
  mark: ReadMark | undefined,
  skip: (reason: string) => void,
): { size: number; head: string; same: boolean; from: number } | null {
  try {
    const size = statSync(path).size;
    const head = digestHead(path);
    const same = mark !== undefined && mark.head === head && mark.offset <= size;
    return { size, head, same, from: same ? mark.offset : 0 };
  } catch (error) {
    skip(`cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    return null;
  }
}
