// Walks Gemini CLI's session files (<home>/tmp/<project>/chats) and records each answer's tokens as a reading, once.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type ReadingRow, type StampContext, stampRow } from '../../ledger/index.js';
import { AppError } from '../../kernel/index.js';
import { type GeminiMessage, readGeminiSessionJson, readGeminiSessionLine } from '../parsers/gemini-session-line.js';
import type { FileIngestOptions, FileIngestResult, ReadMark } from './ingest-state.js';
import { ingestSessionFiles, listSessionFiles, readFirstLine, readNewLines, type SessionFile } from './ingest-session-files.js';

export interface GeminiIngestOptions extends FileIngestOptions {
  /** Gemini CLI's home: ~/.gemini (it keeps sessions under tmp/<project>/chats). */
  geminiHome: string;
  /** The provider the readings belong to (the CLI's default: the one whose agent is Gemini CLI). */
  provider: string;
}

export type GeminiIngestResult = FileIngestResult;

/** How far a file was read (a .json file is read whole again when it changed) and the session it is. */
interface FileMark extends ReadMark {
  session?: string;
}

/** A session's latest answer recorded, and the ids recorded at that instant: older or listed answers are repeats. */
interface SessionMark {
  last_at: string;
  ids: string[];
}

type HomeState = { files: Record<string, FileMark>; sessions: Record<string, SessionMark> };

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
  return ingestSessionFiles<Record<string, HomeState>>(dataDir, ctx, 'gemini-session', options, (state, skip) => {
    const marks = (state[home] ??= { files: {}, sessions: {} });
    const walk = listSessionFiles(
      projects,
      { accept: (path) => isSessionFile(path), descend: (path) => isChatsPath(projects, path) },
      skip,
    );
    const read = (file: SessionFile<FileMark>) => {
      const got = readNewMessages(file);
      if (got === null) return null;
      // A file that names no session still counts an answer once (its own name stands for the session).
      const fresh = keepUnrecorded(marks.sessions, got.session ?? `file:${file.name}`, got.messages);
      return { rows: fresh.map((message) => buildRow(ctx, options.provider, message, got.session)), mark: got.mark, bytes: got.bytes };
    };
    const finish = (): void => {
      // A folder that could not be read hides its files, which are not gone: their sessions' marks stay too.
      if (walk.complete) forgetRemovedSessions(marks);
    };
    return { folders: [{ root: projects, marks: marks.files, read, ...walk }], finish };
  });
}

/** A file's answers past its mark, with its new mark; null when nothing changed. */
function readNewMessages(
  file: SessionFile<FileMark>,
): { messages: GeminiMessage[]; session: string | undefined; mark: FileMark; bytes: number } | null {
  const { path, mark, start, skip } = file;
  if (start.same && start.from === start.size) return null;
  const { size, head, same } = start;
  if (path.endsWith('.json')) {
    const whole = readGeminiSessionJson(readFileSync(path, 'utf8'));
    if ('error' in whole) {
      skip(whole.error);
      return null;
    }
    for (const note of whole.notes) skip(note);
    return { messages: whole.messages, session: whole.session, mark: { offset: size, head, session: whole.session }, bytes: size };
  }
  const from = start.from;
  const first = from === 0 ? readGeminiSessionLine(readFirstLine(path)) : null;
  const session = first && 'session' in first ? first.session : same ? mark?.session : undefined;
  const messages: GeminiMessage[] = [];
  const { end, bytes } = readNewLines(file, ['"type":"gemini"'], (line) => {
    const read = readGeminiSessionLine(line.text);
    if ('error' in read) skip(`line at byte ${line.offset}: ${read.error}`);
    if (!('messages' in read)) return;
    for (const note of read.notes) skip(`line at byte ${line.offset}: ${note}`);
    messages.push(...read.messages);
  });
  return { messages, session, mark: { offset: end, head, ...(session ? { session } : {}) }, bytes };
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
 * The walk's folders: tmp/<project> when it has chats/, then only its chats/ and all below it (a sub-agent's session in
 * a folder named after its parent). The CLI writes no symbolic link there; the frame follows none.
 */
function isChatsPath(projects: string, path: string): boolean {
  const parts = path.split('/');
  if (parts.length === 1) return existsSync(join(projects, path, 'chats'));
  return parts.length > 2 || parts[1] === 'chats';
}

/** A session file: a .json or .jsonl inside a project's chats/. */
function isSessionFile(path: string): boolean {
  return path.split('/').length > 2 && /\.jsonl?$/.test(path);
}

/** Drops the marks of sessions no remaining file names (the frame dropped the deleted files'): the state does not grow forever. */
function forgetRemovedSessions(marks: HomeState): void {
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
