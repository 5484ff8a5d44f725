// Token counts a step reports, with defaults estimated from the request and the answer, in each API's wire shape.
import { startsWithZeroUsage, type StepUsage, type UsageStyle } from './script-schema.js';

export interface ResolvedUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
}

/** Roughly four characters per token, as the usual rule of thumb. */
export function estimateTokens(characters: number): number {
  return Math.max(1, Math.ceil(characters / 4));
}

/** Omitted counts: input from the request body's size, output from the answer's size, no cache use. */
export function resolveUsage(usage: StepUsage | undefined, request: { bodyLength: number; answerLength: number }): ResolvedUsage {
  return {
    input_tokens: usage?.input_tokens ?? estimateTokens(request.bodyLength),
    output_tokens: usage?.output_tokens ?? estimateTokens(request.answerLength),
    cache_read_input_tokens: usage?.cache_read_input_tokens ?? 0,
    cache_creation_input_tokens: usage?.cache_creation_input_tokens ?? 0,
  };
}

/**
 * Anthropic usage. `start` is message_start's (output_tokens 1, or all zeros in GLM style); `final` is message_delta's and
 * the non-streaming body's, cumulative. The cache_creation breakdown is always there: ccusage counts only that.
 */
export function toAnthropicUsage(usage: ResolvedUsage, phase: 'start' | 'final', style: UsageStyle): Record<string, unknown> {
  const zero = phase === 'start' && startsWithZeroUsage(style);
  const creation = zero ? 0 : usage.cache_creation_input_tokens;
  return {
    input_tokens: zero ? 0 : usage.input_tokens,
    cache_creation_input_tokens: creation,
    cache_read_input_tokens: zero ? 0 : usage.cache_read_input_tokens,
    cache_creation: { ephemeral_5m_input_tokens: creation, ephemeral_1h_input_tokens: 0 },
    output_tokens: zero ? 0 : phase === 'start' ? 1 : usage.output_tokens,
  };
}

/**
 * Responses usage. OpenAI's input_tokens is the whole prompt, cached part included, so it is input + cache read + cache
 * creation here; cached_tokens is the cache read and cache_write_tokens the creation (Codex 0.169 reads both).
 */
export function toResponsesUsage(usage: ResolvedUsage): Record<string, unknown> {
  const input = usage.input_tokens + usage.cache_read_input_tokens + usage.cache_creation_input_tokens;
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: usage.cache_read_input_tokens, cache_write_tokens: usage.cache_creation_input_tokens },
    output_tokens: usage.output_tokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: input + usage.output_tokens,
  };
}
