// Walks Gemini CLI's session files (<home>/tmp/<project>/chats) and records each answer's tokens as a reading, once.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  appendRows,
  LEDGER_FILES,
  type ReadingRow,
  searchLines,
  type StampContext,
  stampRow,
  writeJsonAtomically,
} from '../../ledger/index.js';
import { AppError } from '../../kernel/index.js';
import { type GeminiMessage, readGeminiSessionJson, readGeminiSessionLine } from '../parsers/gemini-session-line.js';
import { findResumePoint, type FileIngestOptions, type FileIngestResult, readIngestState, withIngestLock } from './ingest-state.js';
import { readFirstLine } from './read-first-line.js';

export interface GeminiIngestOptions extends FileIngestOptions {
  /** Gemini CLI's home: ~/.gemini (it keeps sessions under tmp/<project>/chats). */
  geminiHome: string;
  /** The provider the readings belong to (the CLI's default: the one whose agent is Gemini CLI). */
  provider: string;
}

export type GeminiIngestResult = FileIngestResult;

/** How far a file was read (a .json file is read whole again when it changed) and the session it is. */
interface FileMark {
  offset: number;
  head: string;
  session?: string;
}

/** A session's latest answer recorded, and the ids recorded at that instant: older or listed answers are repeats. */
interface SessionMark {
  last_at: string;
  ids: string[];
}

type HomeState = { files: Record<string, FileMark>; sessions: Record<string, SessionMark> };

const MAX_REPORTED_SKIPS = 20;

/**
 * Gemini CLI 0.61.0 writes an answer again (same id, same tokens) once its tool calls ran, lists the whole conversation
 * again after a compression or a rewind, and copies an older `.json` session into a new `.jsonl` when it is resumed
 * (its ChatRecordingService.initialize): an answer counts once per session, whatever file or line repeats it. Under a
 * lock (state/_ingest/gemini-session.lock); marks are saved after each file that added rows.
 */
export function ingestGeminiSessions(dataDir: string, ctx: StampContext, options: GeminiIngestOptions): GeminiIngestResult {
  const home = resolve(options.geminiHome);
  const projects = join(home, 'tmp');
  if (!existsSync(projects))
    throw new AppError('NOT_FOUND', `no tmp directory in ${home} (is it Gemini CLI's home, ~/.gemini?)`, { where: '--gemini-home' });
  return withIngestLock(dataDir, 'gemini-session', (statePath) => {
    const state = readIngestState<Record<string, HomeState>>(statePath);
    const marks = (state[home] ??= { files: {}, sessions: {} });
    const skip = (file: string, reason: string): void => {
      if (result.skipped.length < MAX_REPORTED_SKIPS) result.skipped.push({ file, reason });
    };
    const result: GeminiIngestResult = { files: 0, filesRead: 0, bytesRead: 0, readings: 0, skipped: [] };
    const { files, complete } = listSessionFiles(projects, skip);
    result.files = files.length;
    files.forEach((name, index) => {
      const read = readNewMessages(join(projects, name), marks.files[name], (reason) => skip(name, reason));
      options.onFile?.(index + 1, files.length);
      if (read === null) return;
      // A file that names no session still counts an answer once (its own name stands for the session).
      const fresh = keepUnrecorded(marks.sessions, read.session ?? `file:${name}`, read.messages);
      const rows = fresh.map((message) => buildRow(ctx, options.provider, message, read.session));
      if (rows.length > 0) appendRows<ReadingRow>(dataDir, LEDGER_FILES.snapshots, rows, ctx);
      marks.files[name] = read.mark;
      if (rows.length > 0) writeJsonAtomically(statePath, state);
      result.filesRead += 1;
      result.bytesRead += read.bytes;
      result.readings += rows.length;
    });
    // A folder that could not be read hides its files, which are not gone: their marks stay.
    if (complete) forgetRemovedFiles(marks, new Set(files));
    writeJsonAtomically(statePath, state);
    return result;
  });
}

/** A file's answers past its mark, with its new mark; null when nothing changed or it cannot be read. */
function readNewMessages(
  path: string,
  mark: FileMark | undefined,
  skip: (reason: string) => void,
): { messages: GeminiMessage[]; session: string | undefined; mark: FileMark; bytes: number } | null {
  const point = findResumePoint(path, mark);
  if ('error' in point) {
    skip(point.error);
    return null;
  }
  const { size, head, kept, from } = point;
  if (kept !== undefined && from === size) return null;
  if (path.endsWith('.json')) {
    const whole = readGeminiSessionJson(readFileSync(path, 'utf8'));
    if ('error' in whole) {
      skip(whole.error);
      return null;
    }
    for (const note of whole.notes) skip(note);
    return { messages: whole.messages, session: whole.session, mark: { offset: size, head, session: whole.session }, bytes: size };
  }
  const first = from === 0 ? readGeminiSessionLine(readFirstLine(path)) : null;
  const session = first && 'session' in first ? first.session : kept?.session;
  const { lines, end } = searchLines(path, ['"type":"gemini"'], from);
  const messages: GeminiMessage[] = [];
  for (const line of lines) {
    const read = readGeminiSessionLine(line.text);
    if ('error' in read) skip(`line at byte ${line.offset}: ${read.error}`);
    if (!('messages' in read)) continue;
    for (const note of read.notes) skip(`line at byte ${line.offset}: ${note}`);
    messages.push(...read.messages);
  }
  return { messages, session, mark: { offset: end, head, ...(session ? { session } : {}) }, bytes: end - from };
}

/** The answers a session has not recorded yet, in order, marking them recorded. */
function keepUnrecorded(sessions: Record<string, SessionMark>, session: string, messages: GeminiMessage[]): GeminiMessage[] {
  const fresh: GeminiMessage[] = [];
  for (const message of messages) {
    const mark = sessions[session];
    const at = Date.parse(message.capturedAt);
    const last = mark ? Date.parse(mark.last_at) : Number.NEGATIVE_INFINITY;
    if (mark && (at < last || (at === last && mark.ids.includes(message.id)))) continue;
    sessions[session] =
      at === last && mark ? { last_at: mark.last_at, ids: [...mark.ids, message.id] } : { last_at: message.capturedAt, ids: [message.id] };
    fresh.push(message);
  }
  return fresh;
}

/**
 * Session files below tmp/<project>/chats (a sub-agent's in a folder named after its parent), as relative paths. A
 * symbolic link is not followed (the CLI writes none there); a folder that cannot be read is named and passed over.
 */
function listSessionFiles(projects: string, skip: (file: string, reason: string) => void): { files: string[]; complete: boolean } {
  const found: string[] = [];
  let complete = true;
  const list = (relative: string) => {
    try {
      return readdirSync(join(projects, relative), { withFileTypes: true });
    } catch (error) {
      complete = false;
      skip(relative || '.', `cannot read the folder (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      return [];
    }
  };
  const walk = (relative: string): void => {
    for (const entry of list(relative)) {
      const path = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && /\.jsonl?$/.test(entry.name)) found.push(path);
    }
  };
  for (const project of list(''))
    if (project.isDirectory() && existsSync(join(projects, project.name, 'chats'))) walk(`${project.name}/chats`);
  return { files: found.sort(), complete };
}

/** Drops the marks of files the CLI deleted, and of sessions no remaining file names (the state does not grow forever). */
function forgetRemovedFiles(marks: HomeState, present: ReadonlySet<string>): void {
  for (const name of Object.keys(marks.files)) if (!present.has(name)) delete marks.files[name];
  const named = new Set(Object.entries(marks.files).map(([name, mark]) => mark.session ?? `file:${name}`));
  for (const session of Object.keys(marks.sessions)) if (!named.has(session)) delete marks.sessions[session];
}

function buildRow(ctx: StampContext, provider: string, message: GeminiMessage, session: string | undefined): ReadingRow {
  return stampRow(ctx, 'reading', {
    provider,
    captured_at: message.capturedAt,
    format: 'gemini-session',
    bars: {},
    tokens: message.tokens,
    ...(session ? { session_id: session } : {}),
    ...(message.model ? { model: message.model } : {}),
  }) as ReadingRow;
}
