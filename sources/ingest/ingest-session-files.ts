// The one frame of the session-file ingests (Claude, Codex, Gemini): walk, read on from each file's mark, record its rows.
import { type Dirent, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { appendRows, LEDGER_FILES, type ReadingRow, type StampContext, searchLines, writeJsonAtomically } from '../../ledger/index.js';
import {
  type FileIngestOptions,
  type FileIngestResult,
  locateReadStart,
  type ReadMark,
  readIngestState,
  withIngestLock,
} from './ingest-state.js';

export { readFirstLine } from './read-first-line.js';

const MAX_REPORTED_SKIPS = 20;

/** Notes a part an ingest could not use (the first MAX_REPORTED_SKIPS are reported). */
export type SkipPart = (file: string, reason: string) => void;

/** One file to read: where it is, its mark from the last run, and where reading goes on (locateReadStart). */
export interface SessionFile<M extends ReadMark> {
  path: string;
  name: string;
  mark: M | undefined;
  start: { size: number; head: string; same: boolean; from: number };
  skip: (reason: string) => void;
  /** Whether no more skips are reported (a reader that keeps refused lines keeps only those it says). */
  isSkipListFull: () => boolean;
}

/** What reading a file gave: the rows to record, its new mark, and how many bytes it read. */
export interface SessionFileRead<M extends ReadMark> {
  rows: ReadingRow[];
  mark: M;
  bytes: number;
}

/** A folder of session files with their marks, and the CLI's reader of one file (null: nothing new). */
export interface SessionFolder<M extends ReadMark> {
  root: string;
  files: string[];
  marks: Record<string, M>;
  read: (file: SessionFile<M>) => SessionFileRead<M> | null;
  /** Whether the walk saw every folder: then the marks of files that are gone are dropped (absent: marks are kept). */
  complete?: boolean;
}

/** What a CLI's ingest says to the frame: its state's folders, and what to tidy in its state before the last save. */
export interface SessionIngestPlan {
  // biome-ignore lint/suspicious/noExplicitAny: each folder's marks are its CLI's own type; the frame only reads ReadMark's fields.
  folders: SessionFolder<any>[];
  finish?: () => void;
}

/**
 * Under the ingest's lock (state/_ingest/<kind>.lock), `plan` reads the state (<kind>.json) and names the folders; each
 * file is read on from its mark, its rows appended, and the state saved after every file that added rows: a run stopped
 * part-way repeats nothing.
 */
export function ingestSessionFiles<S extends Record<string, unknown>>(
  dataDir: string,
  ctx: StampContext,
  kind: string,
  options: FileIngestOptions,
  plan: (state: S, skip: SkipPart) => SessionIngestPlan,
): FileIngestResult {
  return withIngestLock(dataDir, kind, (statePath) => {
    const state = readIngestState<S>(statePath);
    const result: FileIngestResult = { files: 0, filesRead: 0, bytesRead: 0, readings: 0, skipped: [] };
    const skip: SkipPart = (file, reason) => {
      if (result.skipped.length < MAX_REPORTED_SKIPS) result.skipped.push({ file, reason });
    };
    const isSkipListFull = (): boolean => result.skipped.length >= MAX_REPORTED_SKIPS;
    const { folders, finish } = plan(state, skip);
    const total = folders.reduce((sum, folder) => sum + folder.files.length, 0);
    let done = 0;
    for (const folder of folders) {
      for (const name of folder.files) {
        const read = readSessionFile(folder, name, skip, isSkipListFull);
        options.onFile?.((done += 1), total);
        if (read === null) continue;
        if (read.rows.length > 0) appendRows<ReadingRow>(dataDir, LEDGER_FILES.snapshots, read.rows, ctx);
        folder.marks[name] = read.mark;
        if (read.rows.length > 0) writeJsonAtomically(statePath, state);
        result.filesRead += 1;
        result.bytesRead += read.bytes;
        result.readings += read.rows.length;
      }
      // A folder that could not be read hides its files, which are not gone: their marks stay.
      const present = new Set(folder.files);
      if (folder.complete) for (const name of Object.keys(folder.marks)) if (!present.has(name)) delete folder.marks[name];
      result.files += folder.files.length;
    }
    finish?.();
    writeJsonAtomically(statePath, state);
    return result;
  });
}

function readSessionFile<M extends ReadMark>(
  folder: SessionFolder<M>,
  name: string,
  skip: SkipPart,
  isSkipListFull: () => boolean,
): SessionFileRead<M> | null {
  const path = join(folder.root, name);
  const mark = folder.marks[name];
  const skipFile = (reason: string): void => skip(name, reason);
  const start = locateReadStart(path, mark, skipFile);
  return start === null ? null : folder.read({ path, name, mark, start, skip: skipFile, isSkipListFull });
}

/** Hands each complete line past the file's mark that holds one of `needles` to `onLine`; where reading stopped. */
export function readNewLines(
  file: SessionFile<ReadMark>,
  needles: string[],
  onLine: (line: { text: string; offset: number }) => void,
): { end: number; bytes: number } {
  const { lines, end } = searchLines(file.path, needles, file.start.from);
  for (const line of lines) onLine(line);
  return { end, bytes: end - file.start.from };
}

/**
 * The files below `root` that `accept` takes, in the folders `descend` enters, as sorted relative paths. A symbolic
 * link is not followed (so nothing is reached twice); a folder that cannot be read is named and passed over.
 */
export function listSessionFiles(
  root: string,
  walk: { accept: (relative: string, name: string) => boolean; descend?: (relative: string) => boolean },
  skip: SkipPart,
): { files: string[]; complete: boolean } {
  const found: string[] = [];
  let complete = true;
  const visit = (relative: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(join(root, relative), { withFileTypes: true });
    } catch (error) {
      complete = false;
      skip(relative || '.', `cannot read the folder (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      return;
    }
    for (const entry of entries) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory() && (walk.descend?.(path) ?? true)) visit(path);
      else if (entry.isFile() && walk.accept(path, entry.name)) found.push(path);
    }
  };
  visit('');
  return { files: found.sort(), complete };
}
