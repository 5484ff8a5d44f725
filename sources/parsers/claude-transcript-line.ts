// Reads one line of a Claude Code transcript (<config>/projects/<project>/<session>.jsonl): an API answer's tokens, as ccusage counts them.
import type { Tokens } from '../../ledger/schemas/index.js';
import { isObject } from './is-object.js';

/** One answer's usage, where it was spent, and the key its copies share. */
export interface TranscriptEntry {
  /** What ccusage deduplicates by (readTranscriptKey); null when the line has none (every such line counts). */
  key: string | null;
  capturedAt: string;
  model?: string;
  /** The Anthropic convention: input excludes the cache; total is the sum of the four. */
  tokens: Required<Tokens>;
  session?: string;
  /** The working directory Claude Code ran in (`cwd`). */
  project?: string;
  /** The sub-agent that spent it (`agentId` on a sidechain line, else "sidechain"); absent for the main agent. */
  subagent?: string;
  /** The API's request id (`requestId`, the `request-id` header the proxy records as its row's trace_id). */
  requestId?: string;
}

export type TranscriptLine = { entry: TranscriptEntry } | { skip: true } | { error: string };

const SKIP = { skip: true } as const;

/**
 * At most this many tokens in one count of one answer: 500 times the largest context window there is (2M). A count past
 * it (1e308 was written as a row every reader then skipped) is no answer's, and the line is refused, not recorded.
 */
export const MAX_ANSWER_TOKENS = 1_000_000_000;
/** Ids (a UUID, `msg_...`, `req_...`) and the model's name are far shorter; a working directory is a path (PATH_MAX). */
const MAX_ID_CHARS = 200;
const MAX_PATH_CHARS = 4096;

/**
 * Claude Code 2.1.329 writes each answer's `message.usage` on its `assistant` lines (one per content block, the same
 * `message.id` and `requestId` on each, test-fixtures/real/claude-2.1.329-transcript.jsonl). What counts follows the
 * real ccusage 20.0.24, checked line by line against its binary (docs/usage.md, "Claude Code's transcripts"): any
 * line with a `timestamp` and `message.usage` whatever its `type`; cache creation taken from the `cache_creation`
 * breakdown (5 m + 1 h) when the line has one, else from `cache_creation_input_tokens`. Never throws.
 */
export function readClaudeTranscriptLine(line: string): TranscriptLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: 'not JSON' };
  }
  if (!isObject(value) || !isObject(value.message) || !isObject(value.message.usage)) return SKIP;
  const at = typeof value.timestamp === 'string' ? Date.parse(value.timestamp) : Number.NaN;
  if (Number.isNaN(at)) return { error: 'an answer with usage but no timestamp' };
  const tokens = readUsageTokens(value.message.usage);
  if (typeof tokens === 'string') return { error: `message.usage.${tokens}` };
  const text = (field: unknown): string | undefined => (typeof field === 'string' && field !== '' ? field : undefined);
  const tooLong = findTooLong([
    ['message.model', value.message.model, MAX_ID_CHARS],
    ['message.id', value.message.id, MAX_ID_CHARS],
    ['sessionId', value.sessionId, MAX_ID_CHARS],
    ['agentId', value.agentId, MAX_ID_CHARS],
    ['requestId', value.requestId, MAX_ID_CHARS],
    ['cwd', value.cwd, MAX_PATH_CHARS],
  ]);
  if (tooLong) return { error: tooLong };
  const model = text(value.message.model);
  const session = text(value.sessionId);
  const project = text(value.cwd);
  const subagent = value.isSidechain === true ? (text(value.agentId) ?? 'sidechain') : undefined;
  const requestId = text(value.requestId);
  const entry: TranscriptEntry = {
    key: readTranscriptKey(text(value.message.id), requestId, session, value.timestamp as string),
    capturedAt: new Date(at).toISOString(),
    tokens,
    ...(model ? { model } : {}),
    ...(session ? { session } : {}),
    ...(project ? { project } : {}),
    ...(subagent ? { subagent } : {}),
    ...(requestId ? { requestId } : {}),
  };
  return { entry };
}

/**
 * ccusage 20.0.24 counts one copy of `message.id:requestId` over every file (Claude Code copies a resumed session's
 * answers into the new session's file); a line with an id but no request id is one copy per session, id and
 * timestamp; a line with no message id always counts. Measured on its binary, not read from its source.
 */
function readTranscriptKey(id: string | undefined, request: string | undefined, session: string | undefined, at: string): string | null {
  if (id === undefined) return null;
  if (request !== undefined) return `${id}:${request}`;
  return `${session ?? ''}:${id}:${at}`;
}

/**
 * Which of two copies of one answer ccusage keeps: the one with more tokens in all, then more output, input, cache
 * creation, cache read (a copy written while the answer streamed carries a placeholder output); on a tie the first read.
 * Positive when `a` is kept over `b`.
 */
export function compareTranscriptCopies(a: Required<Tokens>, b: Required<Tokens>): number {
  for (const field of ['total', 'output', 'input', 'cache_creation', 'cache_read'] as const)
    if (a[field] !== b[field]) return a[field] - b[field];
  return 0;
}

function readUsageTokens(usage: Record<string, unknown>): Required<Tokens> | string {
  const counts: Record<string, number> = {};
  for (const key of ['input_tokens', 'output_tokens', 'cache_read_input_tokens', 'cache_creation_input_tokens']) {
    // ccusage leaves out a line without input or output tokens; the cache counts default to 0.
    const count = key === 'input_tokens' || key === 'output_tokens' ? usage[key] : (usage[key] ?? 0);
    if (!isTokenCount(count)) return `${key}: expected a whole number from 0 to ${MAX_ANSWER_TOKENS}, got ${JSON.stringify(count)}`;
    counts[key] = count;
  }
  const breakdown = usage.cache_creation;
  let creation = counts.cache_creation_input_tokens ?? 0;
  if (isObject(breakdown)) {
    creation = 0;
    for (const key of ['ephemeral_5m_input_tokens', 'ephemeral_1h_input_tokens']) {
      const count = breakdown[key];
      // ccusage takes a missing or non-positive part as 0; a positive one must be a count.
      if (typeof count !== 'number' || !(count > 0)) continue;
      if (!isTokenCount(count))
        return `cache_creation.${key}: expected a whole number from 0 to ${MAX_ANSWER_TOKENS}, got ${JSON.stringify(count)}`;
      creation += count;
    }
  }
  const tokens = {
    input: counts.input_tokens ?? 0,
    output: counts.output_tokens ?? 0,
    cache_read: counts.cache_read_input_tokens ?? 0,
    cache_creation: creation,
  };
  return { ...tokens, total: tokens.input + tokens.output + tokens.cache_read + tokens.cache_creation };
}

/** A safe whole number from 0 to MAX_ANSWER_TOKENS (the ledger's own schema takes only safe integers). */
function isTokenCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_ANSWER_TOKENS;
}

/** The first field longer than it can be (a row holding it would be kept whole, or refused by every reader), said. */
function findTooLong(fields: ReadonlyArray<readonly [string, unknown, number]>): string | null {
  for (const [name, field, max] of fields)
    if (typeof field === 'string' && field.length > max) return `${name}: expected at most ${max} characters, got ${field.length}`;
  return null;
}
