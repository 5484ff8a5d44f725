// Reads Gemini CLI's session files (~/.gemini/tmp/<project>/chats/session-*.jsonl, or an older whole .json): each answer's tokens.
import type { Tokens } from '../../ledger/schemas/index.js';
import { isObject } from './is-object.js';

/** One answer of the model, as the CLI logged it: its request's tokens in the Anthropic convention. */
export interface GeminiMessage {
  /** The message's id: the CLI writes an answer again, same id and tokens, once its tool calls ran. */
  id: string;
  capturedAt: string;
  model?: string;
  tokens: Tokens;
}

/** The session a file is (its first line), answers with notes on ones left out, nothing, or why the line is unreadable. */
export type GeminiSessionLine = { session: string } | { messages: GeminiMessage[]; notes: string[] } | { skip: true } | { error: string };

const SKIP = { skip: true } as const;

/**
 * Gemini CLI 0.61.0 (its real files, seen on loopback, test-fixtures/real/gemini-0.61.0-session.jsonl): the first line is
 * `{sessionId, projectHash, startTime, lastUpdated, kind}`; then messages, one a line, and `{"$set": {...}}` patches, one
 * of which sets the whole `messages` list (at the start, and again after a compression or a rewind). A model's answer is
 * `{id, timestamp, type: "gemini", content, tokens: {input, output, cached, thoughts, tool, total}, model}`: the counts of
 * that one request, `input` being the prompt with its cached part (Google's promptTokenCount). Never throws.
 */
export function readGeminiSessionLine(line: string): GeminiSessionLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: 'not JSON' };
  }
  if (!isObject(value)) return SKIP;
  if (typeof value.sessionId === 'string' && value.sessionId !== '' && value.type === undefined && !('$set' in value))
    return { session: value.sessionId };
  const listed = isObject(value.$set) ? value.$set.messages : undefined;
  return readMessages(Array.isArray(listed) ? listed : [value]);
}

/**
 * An older CLI's whole-file session (`session-*.json`: `{sessionId, ..., messages: [...]}`, rewritten at each turn):
 * its session and every answer in it; why, when it is not one.
 */
export function readGeminiSessionJson(text: string): { session: string; messages: GeminiMessage[]; notes: string[] } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: 'not JSON' };
  }
  if (!isObject(value) || typeof value.sessionId !== 'string' || !Array.isArray(value.messages))
    return { error: 'expected {sessionId, messages: [...]}' };
  const read = readMessages(value.messages);
  return { session: value.sessionId, ...('messages' in read ? read : { messages: [], notes: [] }) };
}

function readMessages(list: readonly unknown[]): GeminiSessionLine {
  const messages: GeminiMessage[] = [];
  const notes: string[] = [];
  for (const item of list) {
    // An answer whose usage has not come yet has no tokens (or null ones): nothing to count, nothing wrong.
    if (!isObject(item) || item.type !== 'gemini' || item.tokens === undefined || item.tokens === null) continue;
    const read = readMessage(item);
    if (typeof read === 'string') notes.push(read);
    else messages.push(read);
  }
  return messages.length === 0 && notes.length === 0 ? SKIP : { messages, notes };
}

function readMessage(item: Record<string, unknown>): GeminiMessage | string {
  const at = typeof item.timestamp === 'string' ? Date.parse(item.timestamp) : Number.NaN;
  if (typeof item.id !== 'string' || item.id === '') return 'an answer without an id';
  if (Number.isNaN(at)) return `answer ${item.id}: no timestamp`;
  const tokens = readTokens(item.tokens);
  if (typeof tokens === 'string') return `answer ${item.id}: tokens.${tokens}`;
  const model = typeof item.model === 'string' && item.model !== '' ? item.model : undefined;
  return { id: item.id, capturedAt: new Date(at).toISOString(), ...(model ? { model } : {}), tokens };
}

/**
 * The CLI's counts (packages/core's ChatRecordingService: input = promptTokenCount, output = candidatesTokenCount,
 * cached, thoughts, tool = toolUsePromptTokenCount) in the proxy's convention (proxy/tap/gemini-usage.ts): input is
 * the prompt and tool-use prompt less the cached part, output the candidates and thoughts, the cached part a cache read.
 */
function readTokens(raw: unknown): Tokens | string {
  if (!isObject(raw)) return 'expected an object';
  const counts: Record<string, number> = {};
  for (const key of ['input', 'output', 'cached', 'thoughts', 'tool']) {
    const count = raw[key] ?? 0;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0)
      return `${key}: expected a whole number, got ${JSON.stringify(count)}`;
    counts[key] = count;
  }
  const { input = 0, output = 0, cached = 0, thoughts = 0, tool = 0 } = counts;
  const cacheRead = Math.min(cached, input + tool);
  const tokens = { input: input + tool - cacheRead, output: output + thoughts, cache_read: cacheRead };
  return { ...tokens, total: tokens.input + tokens.output + tokens.cache_read };
}
