// Walks Claude Code's transcripts (<config>/projects/**/*.jsonl) and records each answer's tokens as a reading, reading each file once.
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { keepReject, type ReadingRow, type StampContext, stampRow } from '../../ledger/index.js';
import { AppError } from '../../kernel/index.js';
import { readConfigDirAccount } from '../logins/index.js';
import { compareTranscriptCopies, readClaudeTranscriptLine, type TranscriptEntry } from '../parsers/index.js';
import { type FileIngestOptions, type FileIngestResult, locateIngestState, type ReadMark, readIngestState } from './ingest-state.js';
import { ingestSessionFiles, listSessionFiles, readNewLines, type SessionFile, type SessionFileRead } from './ingest-session-files.js';

export interface TranscriptIngestOptions extends FileIngestOptions {
  /** Claude Code's config folders, each holding `projects/` (~/.config/claude and ~/.claude, or $CLAUDE_CONFIG_DIR's). */
  configDirs: string[];
  provider: string;
  /** Which login a config dir is (readConfigDirAccount: its `.claude.json`); its answers' rows name that account. */
  accountOf?: (configDir: string) => string | null;
}

/** How far a file was read, and its identity (a file rewritten from its start is read again). */
type FileMarks = Record<string, ReadMark>;

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
  const kept = new Map<string, TranscriptEntry['tokens']>();
  return ingestSessionFiles<Record<string, FileMarks>>(dataDir, ctx, 'claude-transcript', options, (state, skip) => ({
    folders: roots.map(({ root, account }) => {
      const read = (file: SessionFile<ReadMark>): SessionFileRead<ReadMark> | null => {
        // A refused line is kept under rejects/ (as the first skips are said): the transcript may change.
        const refuse = (line: { text: string; offset: number }, reason: string): void => {
          if (file.isSkipListFull()) return;
          const where = `line at byte ${line.offset}: ${reason}`;
          const keptAt = keepReject(dataDir, {
            command: 'ingest claude-transcripts',
            reason: `${file.path}: ${where}`,
            agentId: ctx.agentId,
            input: `${line.text}\n`,
          });
          file.skip(`${where}; not recorded, the line kept at ${keptAt}`);
        };
        const entries = readNewEntries(file, refuse);
        if (entries === null) return null;
        const rows = keepFullestCopies(entries.entries, kept).map((entry) => buildRow(ctx, options.provider, account, entry));
        return { rows, mark: entries.mark, bytes: entries.bytes };
      };
      const walk = listSessionFiles(root, { accept: (_path, name) => name.endsWith('.jsonl') }, skip);
      return { root, marks: (state[root] ??= {}), read, ...walk };
    }),
  }));
}

/**
 * The config dirs this data dir's transcripts were ingested from (the state's `<dir>/projects` keys): where `tracker
 * plans` finds each login's `.claude.json` to name it. Only reads the state file; none is an empty list.
 */
export function listIngestedClaudeDirs(dataDir: string): string[] {
  const state = readIngestState<Record<string, unknown>>(locateIngestState(dataDir, 'claude-transcript'));
  return Object.keys(state).flatMap((root) => (basename(root) === 'projects' ? [dirname(root)] : []));
}

/** A file's answers past its mark (complete lines only), with its new mark; null when nothing changed. */
function readNewEntries(
  file: SessionFile<ReadMark>,
  refuse: (line: { text: string; offset: number }, reason: string) => void,
): { entries: TranscriptEntry[]; mark: ReadMark; bytes: number } | null {
  if (file.start.from === file.start.size) return null;
  const entries: TranscriptEntry[] = [];
  const { end, bytes } = readNewLines(file, ['"usage"'], (line) => {
    const read = readClaudeTranscriptLine(line.text);
    if ('error' in read) refuse(line, read.error);
    else if ('entry' in read) entries.push(read.entry);
  });
  return { entries, mark: { offset: end, head: file.start.head }, bytes };
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
