// A telemetry row's tokens in one convention (input excludes cache), whichever API's usage the emitter copied.
// Here, apart from zod, because `tracker preview` reads tokens this way before it loads any schema (ADR 0023).

/** Tokens by kind in the tracker's convention: input excludes cache reads and writes; total is the sum of the four. */
export interface RowTokens {
  input: number;
  output: number;
  cache_read: number;
  cache_creation: number;
  total: number;
}

/** The count fields of a proxy-request row (ledger/schemas/telemetry.ts) that its tokens are read from. */
export interface UsageFields {
  prompt_tokens: number | null;
  completion_tokens: number | null;
  cache_read_tokens?: number | null | undefined;
  cache_creation_tokens?: number | null | undefined;
  path?: string | undefined;
}

/**
 * OpenAI APIs count cached tokens (reads, and the cache writes Codex reports) inside the input figure; so does Gemini's
 * `promptTokenCount` (`.../models/<model>:generateContent` and `:streamGenerateContent`).
 */
const CACHE_INSIDE_INPUT = /\/(?:responses|chat\/completions)(?:[/?]|$)|:(?:stream)?[gG]enerateContent(?:\?|$)/;

/**
 * Anthropic Messages reports `input_tokens` without cache reads and writes; OpenAI's input includes the
 * cached parts, which the proxy also reports as cache_read_tokens and cache_creation_tokens. A row whose `path` is an OpenAI endpoint
 * gets its cached part taken out of `input`, so totals and costs never count it twice. A null count is 0.
 */
export function readRowTokens(fields: UsageFields): RowTokens {
  const cacheRead = fields.cache_read_tokens ?? 0;
  const cacheCreation = fields.cache_creation_tokens ?? 0;
  const prompt = fields.prompt_tokens ?? 0;
  const input = fields.path && CACHE_INSIDE_INPUT.test(fields.path) ? Math.max(0, prompt - cacheRead - cacheCreation) : prompt;
  const output = fields.completion_tokens ?? 0;
  return { input, output, cache_read: cacheRead, cache_creation: cacheCreation, total: input + output + cacheRead + cacheCreation };
}
