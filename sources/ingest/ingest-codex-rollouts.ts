// Walks $CODEX_HOME/sessions for rollout files and records their token_count events as readings, reading only what is new.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type ReadingRow, type StampContext, stampRow, type Tokens } from '../../ledger/index.js';
import { AppError } from '../../kernel/index.js';
import { readRolloutLine, type RolloutReading, type RolloutSession } from '../parsers/codex-rollout-line.js';
import type { FileIngestOptions, FileIngestResult, ReadMark } from './ingest-state.js';
import {
  ingestSessionFiles,
  listSessionFiles,
  readFirstLine,
  readNewLines,
  type SessionFile,
  type SessionFileRead,
  type SkipPart,
} from './ingest-session-files.js';

export interface RolloutIngestOptions extends FileIngestOptions {
  codexHome: string;
}

export type RolloutIngestResult = FileIngestResult;

/** How far a file was read and its head's digest (ReadMark), and what a later run reading on from there needs. */
interface FileMark extends ReadMark {
  /** The last reading recorded from it, so a repeat across runs is not recorded again. */
  last?: string;
  /** The model of its last `turn_context` read, for the turns a later run reads on from `offset`. */
  model?: string;
  /** The session it was forked from (its session_meta, the file's first line). */
  forked_from?: string;
  /** The folder the session ran in (its session_meta's cwd), for the rows a later run reads on from `offset`. */
  cwd?: string;
  /** Whether a fork's first token reading (the one that carries its base) was recorded. */
  fork_based?: true;
}

const SESSION_ID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.jsonl$/i;

/**
 * Runs under an exclusive lock (state/_ingest/codex-rollout.lock), so overlapping runs (cron and a person)
 * cannot both record the same events. How far each file was read is kept in codex-rollout.json, per
 * Codex home, and saved after every file that added rows: a run stopped part-way repeats nothing.
 */
export function ingestCodexRollouts(dataDir: string, ctx: StampContext, options: RolloutIngestOptions): RolloutIngestResult {
  const home = resolve(options.codexHome);
  const sessions = join(home, 'sessions');
  if (!existsSync(sessions))
    throw new AppError('NOT_FOUND', `no sessions directory in ${home} (is it CODEX_HOME?)`, { where: '--codex-home' });
  return ingestSessionFiles<Record<string, Record<string, FileMark>>>(dataDir, ctx, 'codex-rollout', options, (state, skip) => ({
    folders: [
      {
        root: sessions,
        // No `complete`: the marks of rollouts that are gone are kept, as this ingest always did.
        files: listSessionFiles(sessions, { accept: (_path, name) => /^rollout-.*\.jsonl$/.test(name) }, skip).files,
        marks: (state[home] ??= {}),
        read: (file: SessionFile<FileMark>) => readRollout(ctx, options.provider ?? 'codex', file, skip),
      },
    ],
  }));
}

/** A rollout's readings past its mark as rows, with its new mark; null when nothing was added to it. */
function readRollout(ctx: StampContext, provider: string, file: SessionFile<FileMark>, skip: SkipPart): SessionFileRead<FileMark> | null {
  const { name, mark, start } = file;
  if (start.from === start.size) return null;
  const { head, same, from } = start;
  let last = same ? mark?.last : undefined;
  let model = same ? mark?.model : undefined;
  // The session_meta is the file's first line, read alone from the file's start.
  const session = from === 0 ? readSessionMeta(file.path) : { forkedFrom: mark?.forked_from, cwd: mark?.cwd };
  const { forkedFrom, cwd } = session;
  // A fork read on from where a run before stopped: once a token reading of it is in the ledger (with its base, or
  // without one from a build before fork_base), no later reading takes a base.
  let forkBased = same && (mark?.fork_based === true || recordedTokens(mark?.last));
  const readings: Array<RolloutReading & { model?: string; forkBase?: Tokens }> = [];
  // Two byte searches of the new bytes. The turn_context needle is the real line's `"turn_context","payload"` (Codex
  // 0.169.0 writes type, then payload): Buffer.indexOf took 20 ms for it against 101 ms for `"turn_context"` on the
  // same 30 bench files (5 passes).
  const { end, bytes } = readNewLines(file, ['"token_count"', '"turn_context","payload"'], (line) => {
    const read = readRolloutLine(line.text);
    if ('error' in read) skip(`${name}@${line.offset}`, read.error);
    if ('model' in read) model = read.model;
    if (!('reading' in read)) return;
    for (const note of read.notes) skip(`${name}@${line.offset}`, note);
    const fingerprint = JSON.stringify([read.reading.bars, read.reading.tokens]);
    if (fingerprint === last) return;
    last = fingerprint;
    const reading: (typeof readings)[number] = model === undefined ? read.reading : { ...read.reading, model };
    if (forkedFrom !== undefined && !forkBased && reading.tokens) {
      reading.forkBase = subtractTokens(reading.tokens, reading.lastTokens);
      forkBased = true;
      if (!reading.lastTokens)
        skip(`${name}@${line.offset}`, "a fork's first event without a readable last_token_usage: its first request is not counted");
    }
    readings.push(reading);
  });
  const sessionId = SESSION_ID.exec(name)?.[1];
  const rows = readings.map((reading) => buildRow(ctx, provider, { ...reading, forkedFrom, cwd }, sessionId));
  const newMark: FileMark = {
    offset: end,
    head,
    ...(last === undefined ? {} : { last }),
    ...(model === undefined ? {} : { model }),
    ...(forkedFrom === undefined ? {} : { forked_from: forkedFrom }),
    ...(cwd === undefined ? {} : { cwd }),
    ...(forkBased ? { fork_based: true as const } : {}),
  };
  return { rows, mark: newMark, bytes };
}

function buildRow(
  ctx: StampContext,
  provider: string,
  reading: RolloutReading & { model?: string; forkedFrom?: string | undefined; cwd?: string | undefined; forkBase?: Tokens },
  sessionId: string | undefined,
): ReadingRow {
  return stampRow(ctx, 'reading', {
    provider,
    captured_at: reading.capturedAt,
    format: 'codex-rollout',
    bars: reading.bars,
    ...(reading.tokens ? { tokens: reading.tokens } : {}),
    ...(sessionId ? { session_id: sessionId } : {}),
    ...(reading.model ? { model: reading.model } : {}),
    ...(reading.forkedFrom ? { forked_from: reading.forkedFrom } : {}),
    ...(reading.forkBase ? { fork_base: reading.forkBase } : {}),
    ...(reading.cwd ? { project: reading.cwd } : {}),
  }) as ReadingRow;
}

/** What a rollout's session_meta (the file's first line) says: its working directory, the session it was forked from. */
function readSessionMeta(path: string): RolloutSession {
  const meta = readRolloutLine(readFirstLine(path));
  return 'session' in meta ? meta.session : {};
}

/** Whether the last reading recorded from a file (its `[bars, tokens]` fingerprint) had tokens. */
function recordedTokens(fingerprint: string | undefined): boolean {
  if (fingerprint === undefined) return false;
  try {
    const [, tokens] = JSON.parse(fingerprint) as [unknown, unknown];
    return tokens !== undefined && tokens !== null;
  } catch {
    return false;
  }
}

/**
 * The totals a fork went on from: its first event's totals less that event's own request (the real Codex 0.169.0:
 * 20,314 - 10,220 = the parent's 10,094). Without the request's count, the whole first total is the base: that event
 * adds nothing, where counting from zero would count the parent's session again.
 */
function subtractTokens(totals: Tokens, request: Tokens | undefined): Tokens {
  if (!request) return totals;
  const less = (a: number | undefined, b: number | undefined) => (a === undefined ? undefined : Math.max(0, a - (b ?? 0)));
  const base: Tokens = { total: less(totals.total, request.total) ?? 0 };
  for (const key of ['input', 'output', 'cache_read', 'cache_creation'] as const) {
    const value = less(totals[key], request[key]);
    if (value !== undefined) base[key] = value;
  }
  return base;
}
