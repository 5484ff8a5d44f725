// A telemetry row's tokens in one convention (input excludes cache), whichever API's usage the emitter copied.
import type { UsageTokens } from '../budget/prices/index.js';
import type { TelemetryEvent } from '../ledger/index.js';

export type UsageFields = Pick<TelemetryEvent, 'prompt_tokens' | 'completion_tokens'> &
  Partial<Pick<TelemetryEvent, 'cache_read_tokens' | 'cache_creation_tokens' | 'path'>>;

/** OpenAI APIs count cached tokens (reads, and the cache writes Codex reports) inside the input figure. */
const CACHE_INSIDE_INPUT = /\/(?:responses|chat\/completions)(?:[/?]|$)/;

/**
 * Anthropic Messages reports `input_tokens` without cache reads and writes; OpenAI's input includes the
 * cached parts, which the proxy also reports as cache_read_tokens and cache_creation_tokens. A row whose `path` is an OpenAI endpoint
 * gets its cached part taken out of `input`, so totals and costs never count it twice. A null count is 0.
 */
export function readUsageTokens(fields: UsageFields): UsageTokens & { total: number } {
  const cacheRead = fields.cache_read_tokens ?? 0;
  const cacheCreation = fields.cache_creation_tokens ?? 0;
  const prompt = fields.prompt_tokens ?? 0;
  const input = fields.path && CACHE_INSIDE_INPUT.test(fields.path) ? Math.max(0, prompt - cacheRead - cacheCreation) : prompt;
  const output = fields.completion_tokens ?? 0;
  return { input, output, cache_read: cacheRead, cache_creation: cacheCreation, total: input + output + cacheRead + cacheCreation };
}
