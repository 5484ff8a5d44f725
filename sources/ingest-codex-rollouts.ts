// Walks $CODEX_HOME/sessions for rollout files and records their token_count events as readings, reading only what is new.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { appendRows, AppError, LEDGER_FILES, searchLines, stampRow, writeJsonAtomically, type ReadingRow, type StampContext } from '../ledger/index.js';
import { readRolloutLine, type RolloutReading } from './codex-rollout-line.js';

export interface RolloutIngestOptions {
  codexHome: string;
  provider?: string;
  /** Called after each file, for progress on long runs. */
  onFile?: (done: number, total: number) => void;
}

export interface RolloutIngestResult {
  files: number;
  filesRead: number;
  bytesRead: number;
  readings: number;
  skipped: { file: string; reason: string }[];
}

interface FileMark {
  offset: number;
  ino: number;
}

const SESSION_ID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.jsonl$/i;
const MAX_REPORTED_SKIPS = 20;

/**
 * How far each file was read is kept in state/_ingest/codex-rollout.json (per CODEX_HOME), so a re-run
 * only stats the files. A file that shrank or was replaced (another inode) is read again from the start.
 * Rows of a file are appended before its mark moves: a crash in between can repeat, never lose, readings.
 */
export function ingestCodexRollouts(dataDir: string, ctx: StampContext, options: RolloutIngestOptions): RolloutIngestResult {
  const home = resolve(options.codexHome);
  const sessions = join(home, 'sessions');
  if (!existsSync(sessions)) throw new AppError('NOT_FOUND', `no sessions directory in ${home} (is it CODEX_HOME?)`, { where: '--codex-home' });
  const files = (readdirSync(sessions, { recursive: true }) as string[]).filter((name) => /(^|\/)rollout-[^/]*\.jsonl$/.test(name)).sort();
  const statePath = join(dataDir, 'state', '_ingest', 'codex-rollout.json');
  const state = readMarks(statePath);
  const marks = (state[home] ??= {});
  const result: RolloutIngestResult = { files: files.length, filesRead: 0, bytesRead: 0, readings: 0, skipped: [] };
  files.forEach((name, index) => {
    const path = join(sessions, name);
    const { size, ino } = statSync(path);
    const mark = marks[name];
    const from = mark && mark.ino === ino && mark.offset <= size ? mark.offset : 0;
    if (from === size) return;
    const { lines, end } = searchLines(path, ['"token_count"'], from);
    const readings: RolloutReading[] = [];
    for (const line of lines) {
      const read = readRolloutLine(line.text);
      if ('error' in read) {
        if (result.skipped.length < MAX_REPORTED_SKIPS) result.skipped.push({ file: `${name}@${line.offset}`, reason: read.error });
      } else if ('reading' in read && !sameAsLast(readings, read.reading)) {
        readings.push(read.reading);
      }
    }
    const sessionId = SESSION_ID.exec(name)?.[1];
    const rows = readings.map((reading) => buildRow(ctx, options.provider ?? 'codex', reading, sessionId));
    if (rows.length > 0) appendRows<ReadingRow>(dataDir, LEDGER_FILES.snapshots, rows, ctx);
    marks[name] = { offset: end, ino };
    result.filesRead += 1;
    result.bytesRead += end - from;
    result.readings += rows.length;
    options.onFile?.(index + 1, files.length);
  });
  writeJsonAtomically(statePath, state);
  return result;
}

function buildRow(ctx: StampContext, provider: string, reading: RolloutReading, sessionId: string | undefined): ReadingRow {
  return stampRow(ctx, 'reading', {
    provider,
    captured_at: reading.capturedAt,
    format: 'codex-rollout',
    bars: reading.bars,
    ...(reading.tokens ? { tokens: reading.tokens } : {}),
    ...(sessionId ? { session_id: sessionId } : {}),
  }) as ReadingRow;
}

/** Codex logs a token_count after every turn; one that repeats the previous bars and tokens adds nothing. */
function sameAsLast(readings: RolloutReading[], next: RolloutReading): boolean {
  const last = readings.at(-1);
  return last !== undefined && JSON.stringify([last.bars, last.tokens]) === JSON.stringify([next.bars, next.tokens]);
}

function readMarks(path: string): Record<string, Record<string, FileMark>> {
  if (!existsSync(path)) return {};
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, Record<string, FileMark>>) : {};
  } catch {
    return {};
  }
}
