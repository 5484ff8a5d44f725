// Reads the OpenAI Responses `usage` object (response.completed / incomplete, or a whole JSON body) into usage counts.
import type { UsageCounts } from './usage-tap.js';
import { isRecord, overwriteCount } from './tap-values.js';

/**
 * `input_tokens` is reported as the API gives it, which for the Responses API already includes the
 * cached parts: `input_tokens_details.cached_tokens` (cache reads) and `cache_write_tokens` (cache
 * writes, which Codex 0.169 reads in codex-rs/protocol; OpenAI's own API leaves it out, so it stays null).
 */
export function applyResponsesUsage(usage: UsageCounts, raw: unknown): void {
  if (!isRecord(raw)) return;
  overwriteCount(usage, 'input_tokens', raw.input_tokens);
  overwriteCount(usage, 'output_tokens', raw.output_tokens);
  if (isRecord(raw.input_tokens_details)) {
    overwriteCount(usage, 'cache_read_tokens', raw.input_tokens_details.cached_tokens);
    overwriteCount(usage, 'cache_creation_tokens', raw.input_tokens_details.cache_write_tokens);
  }
}
