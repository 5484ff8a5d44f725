// Stores a capture fold beside the ledger (state/capture/) with where in snapshots.jsonl it stopped; derived, so any doubt means a full scan.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SCHEMA_VERSION, TOOL_VERSION } from '../../kernel/index.js';
import { listDroppedKeys, type CaptureFold, type SpanRow } from './capture-fold.js';
import { ensureDir } from '../store/data-dir.js';
import { readDerivedFile, readFileIdentity, writeDerivedFile } from './derived-file.js';
import type { StoredCompletions } from './resume-completions.js';
import type { FoldInput } from '../windows/fold-agent-windows.js';

/** Bumped whenever the fold or this format changes meaning: an older checkpoint is then ignored. */
const FORMAT = 1;
/** sha1 of no bytes: no dropped keys, no file. */
const EMPTY_DIGEST = createHash('sha1').digest('hex');

export interface Checkpoint {
  fold: CaptureFold;
  /** Offset just after the last line folded, and that line's number. */
  from: { offset: number; lineNo: number };
  /** The agent's rows of windows.jsonl (completions) folded so far, kept the same way; null: read that file in full. */
  completions: StoredCompletions | null;
}

interface Stored {
  format: number;
  schema: number;
  tool: string;
  path: string;
  agentId: string;
  provider: string;
  dev: string;
  ino: string;
  offset: number;
  lineNo: number;
  tail: string;
  horizon: number | null;
  own: FoldInput[];
  spans: [string, string, string, string, string][];
  /** The digest of the dropped keys' file (`<checkpoint>.<digest>.dropped`, raw sorted hashes), which never changes once written. */
  dropped: string;
  readings: [number, unknown][];
  skipped: CaptureFold['skipped'];
  completions: StoredCompletions | null;
}

/** One file per ledger path (a PostgreSQL copy is its own), provider and agent. */
export function locateCheckpoint(dataDir: string, path: string, agentId: string, provider: string): string {
  const key = createHash('sha256').update(`${path}\u0000${provider}\u0000${agentId}`).digest('hex').slice(0, 24);
  return join(dataDir, 'state', 'capture', `${key}.json`);
}

/** The stored fold, if it was made from this very file and the file only grew since; null means scan it all. */
export function loadCheckpoint(dataDir: string, path: string, agentId: string, provider: string): Checkpoint | null {
  const file = locateCheckpoint(dataDir, path, agentId, provider);
  const body = readDerivedFile(file);
  if (body === null) return null;
  try {
    return restoreCheckpoint(JSON.parse(body) as Stored, file, path, agentId, provider);
  } catch {
    // A body that parses but is not ours in shape: derived data, so it is ignored.
    return null;
  }
}

function restoreCheckpoint(stored: Stored, file: string, path: string, agentId: string, provider: string): Checkpoint | null {
  const same = stored.format === FORMAT && stored.schema === SCHEMA_VERSION && stored.tool === TOOL_VERSION;
  if (!same || stored.path !== path || stored.agentId !== agentId || stored.provider !== provider) return null;
  if (readFileIdentity(path, stored.offset)?.join('\u0000') !== [stored.dev, stored.ino, stored.tail].join('\u0000')) return null;
  const sorted = readDroppedKeys(file, stored.dropped);
  if (!sorted) return null;
  const fold: CaptureFold = {
    agentId,
    provider,
    own: new Map(stored.own.map((row) => [row.id, row])),
    spans: new Map(stored.spans.map(([id, agent, window, phase, capturedAt]) => [id, { id, agent, window, phase, capturedAt }])),
    dropped: { sorted, digest: stored.dropped, added: new Set() },
    readings: stored.readings.map(([at, bars]) => ({ at, bars: bars as CaptureFold['readings'][number]['bars'] })),
    horizon: stored.horizon,
    skipped: stored.skipped,
    stale: false,
  };
  return { fold, from: { offset: stored.offset, lineNo: stored.lineNo }, completions: stored.completions ?? null };
}

/** Writes the fold up to `from` (a rename, so a reader sees the old or the new one); a data dir that refuses is not an error. */
export function saveCheckpoint(dataDir: string, path: string, checkpoint: Checkpoint): void {
  const { fold, from } = checkpoint;
  const identity = readFileIdentity(path, from.offset);
  if (!identity) return;
  const target = locateCheckpoint(dataDir, path, fold.agentId, fold.provider);
  // Written only when keys were added: a long history's keys (megabytes) are not rewritten by every capture.
  const dropped =
    fold.dropped.added.size === 0 && fold.dropped.digest !== null ? fold.dropped.digest : writeDroppedKeys(target, fold.dropped);
  if (dropped === null) return;
  const stored: Stored = {
    format: FORMAT,
    schema: SCHEMA_VERSION,
    tool: TOOL_VERSION,
    path,
    agentId: fold.agentId,
    provider: fold.provider,
    dev: identity[0],
    ino: identity[1],
    offset: from.offset,
    lineNo: from.lineNo,
    tail: identity[2],
    horizon: fold.horizon,
    own: [...fold.own.values()],
    spans: [...fold.spans.values()].map((span: SpanRow) => [span.id, span.agent, span.window, span.phase, span.capturedAt]),
    dropped,
    readings: fold.readings.map(({ at, bars }) => [at, bars]),
    skipped: fold.skipped,
    completions: checkpoint.completions,
  };
  writeDerivedFile(target, JSON.stringify(stored));
  if (fold.dropped.digest !== null && fold.dropped.digest !== dropped) rmSync(`${target}.${fold.dropped.digest}.dropped`, { force: true });
}

/** The stored hashes if the file still has the digest that names it; platform byte order (a copied checkpoint fails its identity). */
function readDroppedKeys(checkpoint: string, digest: string): Uint32Array | null {
  if (digest === EMPTY_DIGEST) return new Uint32Array(0);
  let bytes: Buffer;
  try {
    bytes = readFileSync(`${checkpoint}.${digest}.dropped`);
  } catch {
    return null;
  }
  if (bytes.length % 4 !== 0 || createHash('sha1').update(bytes).digest('hex') !== digest) return null;
  // Copied to an aligned buffer: a Uint32Array cannot start at an odd offset of Node's shared pool.
  const sorted = new Uint32Array(bytes.length >> 2);
  Buffer.from(sorted.buffer).set(bytes);
  return sorted;
}

/** Writes the hashes under their digest and returns it, or null when the data dir refuses. */
function writeDroppedKeys(checkpoint: string, dropped: CaptureFold['dropped']): string | null {
  const sorted = listDroppedKeys(dropped);
  const bytes = Buffer.from(sorted.buffer, sorted.byteOffset, sorted.byteLength);
  const digest = createHash('sha1').update(bytes).digest('hex');
  if (digest === EMPTY_DIGEST) return digest;
  try {
    ensureDir(dirname(checkpoint));
    writeFileSync(`${checkpoint}.${digest}.dropped.tmp`, bytes);
    renameSync(`${checkpoint}.${digest}.dropped.tmp`, `${checkpoint}.${digest}.dropped`);
    return digest;
  } catch {
    return null;
  }
}
