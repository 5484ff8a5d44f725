// Walks Claude Code's transcripts (<config>/projects/**/*.jsonl) and records each answer's tokens as a reading, reading each file once.
import { type Dirent, existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import {
  appendRows,
  keepReject,
  LEDGER_FILES,
  type ReadingRow,
  searchLines,
  type StampContext,
  stampRow,
  writeJsonAtomically,
} from '../../ledger/index.js';
import { AppError } from '../../kernel/index.js';
import { readConfigDirAccount } from '../logins/index.js';
import { compareTranscriptCopies, readClaudeTranscriptLine, type TranscriptEntry } from '../parsers/claude-transcript-line.js';
import {
  type FileIngestOptions,
  type FileIngestResult,
  locateIngestState,
  locateReadStart,
  type ReadMark,
  readIngestState,
  withIngestLock,
} from './ingest-state.js';

export interface TranscriptIngestOptions extends FileIngestOptions {
  /** Claude Code's config folders, each holding `projects/` (~/.config/claude and ~/.claude, or $CLAUDE_CONFIG_DIR's). */
  configDirs: string[];
  provider: string;
  /** Which login a config dir is (readConfigDirAccount: its `.claude.json`); its answers' rows name that account. */
  accountOf?: (configDir: string) => string | null;
}

/** How far a file was read, and its identity (a file rewritten from its start is read again). */
type FileMarks = Record<string, ReadMark>;

const MAX_REPORTED_SKIPS = 20;

/**
 * Every copy of an answer is recorded with its `message_key`, and the usage tables keep the fullest
 * (collectTranscriptUses): a run leaves out the copies it can already tell are not, so the ledger holds about one
 * row per answer. Files are read in path order, as ccusage reads them. Under a lock (state/_ingest/claude-transcript.lock).
 */
export function ingestClaudeTranscripts(dataDir: string, ctx: StampContext, options: TranscriptIngestOptions): FileIngestResult {
  const accountOf = options.accountOf ?? ((dir: string) => readConfigDirAccount(dir));
  const roots = options.configDirs
    .map((dir) => ({ root: join(resolve(dir), 'projects'), account: accountOf(resolve(dir)) }))
    .filter(({ root }) => existsSync(root));
  if (roots.length === 0)
    throw new AppError(
      'NOT_FOUND',
      `no projects folder in ${options.configDirs.join(' or ')} (is it Claude Code's config folder, ~/.claude?)`,
      { where: '--claude-dir' },
    );
  return withIngestLock(dataDir, 'claude-transcript', (statePath) => {
    const state = readIngestState<Record<string, FileMarks>>(statePath);
    const result: FileIngestResult = { files: 0, filesRead: 0, bytesRead: 0, readings: 0, skipped: [] };
    const skip = (file: string, reason: string): void => {
      if (result.skipped.length < MAX_REPORTED_SKIPS) result.skipped.push({ file, reason });
    };
    // A refused line is kept under rejects/ (as the first MAX_REPORTED_SKIPS are said): the transcript may change.
    const refuse = (path: string, name: string, line: { text: string; offset: number }, reason: string): void => {
      if (result.skipped.length >= MAX_REPORTED_SKIPS) return;
      const where = `line at byte ${line.offset}: ${reason}`;
      const kept = keepReject(dataDir, {
        command: 'ingest claude-transcripts',
        reason: `${path}: ${where}`,
        agentId: ctx.agentId,
        input: `${line.text}\n`,
      });
      skip(name, `${where}; not recorded, the line kept at ${kept}`);
    };
    const kept = new Map<string, TranscriptEntry['tokens']>();
    const listed = roots.map(({ root, account }) => ({ root, account, ...listTranscripts(root, skip) }));
    const total = listed.reduce((sum, one) => sum + one.files.length, 0);
    let done = 0;
    for (const { root, account, files, complete } of listed) {
      const marks = (state[root] ??= {});
      for (const name of files) {
        const path = join(root, name);
        const read = readNewEntries(
          path,
          marks[name],
          (reason) => skip(name, reason),
          (line, reason) => refuse(path, name, line, reason),
        );
        options.onFile?.((done += 1), total);
        if (read === null) continue;
        const rows = keepFullestCopies(read.entries, kept).map((entry) => buildRow(ctx, options.provider, account, entry));
        if (rows.length > 0) appendRows<ReadingRow>(dataDir, LEDGER_FILES.snapshots, rows, ctx);
        marks[name] = read.mark;
        if (rows.length > 0) writeJsonAtomically(statePath, state);
        result.filesRead += 1;
        result.bytesRead += read.bytes;
        result.readings += rows.length;
      }
      // A folder that could not be read hides its files, which are not gone: their marks stay.
      const present = new Set(files);
      if (complete) for (const name of Object.keys(marks)) if (!present.has(name)) delete marks[name];
      result.files += files.length;
    }
    writeJsonAtomically(statePath, state);
    return result;
  });
}

/**
 * The config dirs this data dir's transcripts were ingested from (the state's `<dir>/projects` keys): where `tracker
 * plans` finds each login's `.claude.json` to name it. Only reads the state file; none is an empty list.
 */
export function listIngestedClaudeDirs(dataDir: string): string[] {
  const state = readIngestState<Record<string, unknown>>(locateIngestState(dataDir, 'claude-transcript'));
  return Object.keys(state).flatMap((root) => (basename(root) === 'projects' ? [dirname(root)] : []));
}

/** A file's answers past its mark (complete lines only), with its new mark; null when nothing changed or it cannot be read. */
function readNewEntries(
  path: string,
  mark: FileMarks[string] | undefined,
  skip: (reason: string) => void,
  refuse: (line: { text: string; offset: number }, reason: string) => void,
): { entries: TranscriptEntry[]; mark: FileMarks[string]; bytes: number } | null {
  const start = locateReadStart(path, mark, skip);
  if (start === null || start.from === start.size) return null;
  const { from, head } = start;
  const { lines, end } = searchLines(path, ['"usage"'], from);
  const entries: TranscriptEntry[] = [];
  for (const line of lines) {
    const read = readClaudeTranscriptLine(line.text);
    if ('error' in read) refuse(line, read.error);
    else if ('entry' in read) entries.push(read.entry);
  }
  return { entries, mark: { offset: end, head }, bytes: end - from };
}

/** The file's entries that are the fullest copy of their answer read so far in this run (`kept` remembers them). */
function keepFullestCopies(entries: TranscriptEntry[], kept: Map<string, TranscriptEntry['tokens']>): TranscriptEntry[] {
  const best = new Map<string, TranscriptEntry>();
  const fresh: TranscriptEntry[] = [];
  for (const entry of entries) {
    if (entry.key === null) {
      fresh.push(entry);
      continue;
    }
    const seen = best.get(entry.key) ?? null;
    if (seen !== null && compareTranscriptCopies(seen.tokens, entry.tokens) >= 0) continue;
    if (seen === null) fresh.push(entry);
    else fresh[fresh.indexOf(seen)] = entry;
    best.set(entry.key, entry);
  }
  return fresh.filter((entry) => {
    if (entry.key === null) return true;
    const before = kept.get(entry.key);
    if (before && compareTranscriptCopies(before, entry.tokens) >= 0) return false;
    kept.set(entry.key, entry.tokens);
    return true;
  });
}

/** The transcripts below `projects/` (a sub-agent's in `<session>/subagents/`), as sorted relative paths; links are not followed. */
function listTranscripts(root: string, skip: (file: string, reason: string) => void): { files: string[]; complete: boolean } {
  const found: string[] = [];
  let complete = true;
  const walk = (relative: string): void => {
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
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith('.jsonl')) found.push(path);
    }
  };
  walk('');
  return { files: found.sort(), complete };
}

function buildRow(ctx: StampContext, provider: string, account: string | null, entry: TranscriptEntry): ReadingRow {
  return stampRow(ctx, 'reading', {
    provider,
    captured_at: entry.capturedAt,
    format: 'claude-transcript',
    bars: {},
    tokens: entry.tokens,
    ...(entry.session ? { session_id: entry.session } : {}),
    ...(entry.model ? { model: entry.model } : {}),
    ...(entry.project ? { project: entry.project } : {}),
    ...(entry.subagent ? { subagent_id: entry.subagent } : {}),
    ...(entry.key ? { message_key: entry.key } : {}),
    ...(entry.requestId ? { request_id: entry.requestId } : {}),
    ...(account ? { account } : {}),
  }) as ReadingRow;
}
