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
    return withExclusiveLock(lock, () => ingest(join(stateDir, `${kind}.json`)));
  } finally {
    closeSync(lock);
  }
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

/** Where a session file is read from: its size and head now, its mark if still this file's, and the offset. */
export interface ResumePoint<Mark> {
  size: number;
  head: string;
  /** The mark when it is this file's (same head, not longer than the file), to read on from; else undefined. */
  kept: Mark | undefined;
  from: number;
}

/**
 * The point a file is read on from (a file whose head changed, or that shrank, is another file: read from its start),
 * or the reason it cannot be read, for the ingest's list of skipped files.
 */
export function findResumePoint<Mark extends { offset: number; head: string }>(
  path: string,
  mark: Mark | undefined,
): ResumePoint<Mark> | { error: string } {
  let size: number;
  let head: string;
  try {
    size = statSync(path).size;
    head = digestHead(path);
  } catch (error) {
    return { error: `cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  const kept = mark !== undefined && mark.head === head && mark.offset <= size ? mark : undefined;
  return { size, head, kept, from: kept?.offset ?? 0 };
}
