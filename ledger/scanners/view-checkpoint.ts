// Stores the preview scan's fold (state/preview/) with where in windows.jsonl and snapshots.jsonl it stopped; derived, so any doubt means a full scan.
import { createHash } from 'node:crypto';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SCHEMA_VERSION, TOOL_VERSION } from '../../kernel/index.js';
import { readDerivedFile, readFileIdentity, writeDerivedFile } from './derived-file.js';
import type { SnapshotFields } from './read-snapshot-fields.js';
import { restoreKept, storeKept, type StoredKept } from './stored-kept.js';

/** Bumped whenever what is stored changes meaning: an older checkpoint is then ignored. */
const FORMAT = 4;

/** How far one ledger file was folded, and what of it later steps still need. */
export interface FileMark {
  /** Just after the last whole line folded. */
  offset: number;
  /** Lines up to the offset: where a later part's line numbers start. */
  lines: number;
  /** Line numbers of unreadable lines, at most as many as a scan reports. */
  unreadable: number[];
  /** snapshots.jsonl only: the window key hash of each unreadable line whose head was readable (SnapshotRows). */
  unreadableHashes?: (number | null)[];
  /** Ids that the file's retractions and corrections removed. */
  dead: string[];
}

export interface ViewCheckpoint {
  windows: FileMark;
  snapshots: FileMark;
  /** The 32-bit hashes (hashWindowKey) of the completed windows' keys, sorted. */
  completed: Int32Array;
  /** Live snapshot rows of the windows not completed, in file order. */
  kept: SnapshotFields[];
  /** The caller's fold after the completed windows (ViewFoldHooks.save). */
  state: unknown;
}

export interface LedgerPaths {
  windows: string;
  snapshots: string;
}

interface StoredMark extends FileMark {
  identity: string | null;
}

interface Stored {
  format: number;
  schema: number;
  tool: string;
  name: string;
  windows: StoredMark;
  snapshots: StoredMark;
  completed: string;
  kept: StoredKept;
  /** The caller's state as JSON of its own, the only part that may hold NaN or an infinity (an `n/a` statistic). */
  state: string;
}

/** One file per pair of ledger paths (a PostgreSQL copy is its own) and fold name (the preview's filter). */
export function locateViewCheckpoint(dataDir: string, paths: LedgerPaths, name: string): string {
  const key = createHash('sha256').update(`${paths.windows}\u0000${paths.snapshots}\u0000${name}`).digest('hex').slice(0, 24);
  return join(dataDir, 'state', 'preview', `${key}.json`);
}

/** The stored fold, if it was made from these very files and they only grew since; null means scan them all. */
export function loadViewCheckpoint(dataDir: string, paths: LedgerPaths, name: string): ViewCheckpoint | null {
  const body = readDerivedFile(locateViewCheckpoint(dataDir, paths, name));
  if (body === null) return null;
  try {
    const stored = JSON.parse(body) as Stored;
    const same = stored.format === FORMAT && stored.schema === SCHEMA_VERSION && stored.tool === TOOL_VERSION && stored.name === name;
    if (!same || !isMarkShaped(stored.windows) || !isMarkShaped(stored.snapshots)) return null;
    if (!isUnchanged(paths.windows, stored.windows) || !isUnchanged(paths.snapshots, stored.snapshots)) return null;
    const bytes = Buffer.from(stored.completed, 'base64');
    const completed = new Int32Array(bytes.length >> 2);
    Buffer.from(completed.buffer).set(bytes.subarray(0, completed.length * 4));
    const kept = restoreKept(stored.kept);
    return {
      windows: toMark(stored.windows),
      snapshots: toMark(stored.snapshots),
      completed,
      kept,
      state: JSON.parse(stored.state, reviveNumber),
    };
  } catch {
    // A body that parses but is not ours in shape: derived data, so it is ignored.
    return null;
  }
}

/** Writes the fold (a rename, so a reader sees the old or the new one); a data dir that refuses is not an error. */
export function saveViewCheckpoint(dataDir: string, paths: LedgerPaths, name: string, checkpoint: ViewCheckpoint): void {
  const windows = markFile(paths.windows, checkpoint.windows);
  const snapshots = markFile(paths.snapshots, checkpoint.snapshots);
  if (!windows || !snapshots) return;
  const { completed } = checkpoint;
  const stored: Stored = {
    format: FORMAT,
    schema: SCHEMA_VERSION,
    tool: TOOL_VERSION,
    name,
    windows,
    snapshots,
    completed: Buffer.from(completed.buffer, completed.byteOffset, completed.byteLength).toString('base64'),
    kept: storeKept(checkpoint.kept),
    state: JSON.stringify(checkpoint.state, encodeNumber) ?? 'null',
  };
  const file = locateViewCheckpoint(dataDir, paths, name);
  writeDerivedFile(file, JSON.stringify(stored));
  pruneViewCheckpoints(dirname(file), file);
}

// One checkpoint per filter and --limit, each as large as the ledger's open captures: the most recently written are kept.
const KEPT_CHECKPOINTS = 8;
// A temporary file this old was left by a writer that was killed: any live one is renamed within seconds.
const STALE_TMP_MS = 10 * 60_000;

/** Removes all but the newest checkpoints, and temporary files left behind; derived data, so a failure is ignored. */
function pruneViewCheckpoints(folder: string, justWritten: string): void {
  try {
    const entries = readdirSync(folder).map((name) => ({ path: join(folder, name), name, mtime: statSync(join(folder, name)).mtimeMs }));
    const checkpoints = entries.filter((entry) => entry.name.endsWith('.json') && entry.path !== justWritten);
    checkpoints.sort((a, b) => b.mtime - a.mtime);
    const stale = entries.filter((entry) => entry.name.endsWith('.tmp') && Date.now() - entry.mtime > STALE_TMP_MS);
    for (const entry of [...checkpoints.slice(KEPT_CHECKPOINTS - 1), ...stale]) rmSync(entry.path, { force: true });
  } catch {
    // Another preview pruning at the same time, or a data dir that refuses: the next save tries again.
  }
}

/** Nothing folded yet needs no identity: a file that appeared, or was made again, since is read from its start. */
function markFile(path: string, mark: FileMark): StoredMark | null {
  if (mark.offset === 0) return { ...mark, identity: null };
  const identity = readFileIdentity(path, mark.offset);
  return identity ? { ...mark, identity: identity.join(':') } : null;
}

function isMarkShaped(mark: StoredMark): boolean {
  const count = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) >= 0;
  const hashes = mark.unreadableHashes;
  return (
    count(mark.offset) &&
    count(mark.lines) &&
    Array.isArray(mark.unreadable) &&
    mark.unreadable.every(count) &&
    Array.isArray(mark.dead) &&
    mark.dead.every((id) => typeof id === 'string') &&
    (hashes === undefined ||
      (Array.isArray(hashes) &&
        hashes.length === mark.unreadable.length &&
        hashes.every((hash) => hash === null || Number.isInteger(hash))))
  );
}

function isUnchanged(path: string, mark: StoredMark): boolean {
  if (mark.offset === 0) return true;
  return readFileIdentity(path, mark.offset)?.join(':') === mark.identity;
}

function toMark({ offset, lines, unreadable, unreadableHashes, dead }: StoredMark): FileMark {
  return { offset, lines, unreadable, dead, ...(unreadableHashes === undefined ? {} : { unreadableHashes }) };
}

// JSON has no NaN or infinities (a statistic that is `n/a`, a value of 1e400 in a hand-written row): kept as tagged objects.
const NON_FINITE = '$nonFinite';

function encodeNumber(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? { [NON_FINITE]: String(value) } : value;
}

function reviveNumber(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !(NON_FINITE in value)) return value;
  return Number((value as Record<string, string>)[NON_FINITE]);
}
