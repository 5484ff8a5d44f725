// Reads the Anthropic Messages `usage` object (message_start, message_delta, or a whole JSON body) into usage counts.
import type { UsageCounts } from './usage-tap.js';
import { isRecord, overwriteCount } from './tap-values.js';

/**
 * Overwrites each count the usage object carries. Anthropic's `message_delta.usage` is cumulative, so a
 * later figure replaces an earlier one and nothing is ever added; a field the object lacks keeps its
 * earlier value (a `message_delta` without `input_tokens` keeps `message_start`'s).
 */
export function applyAnthropicUsage(usage: UsageCounts, raw: unknown): void {
  if (!isRecord(raw)) return;
  overwriteCount(usage, 'input_tokens', raw.input_tokens);
  overwriteCount(usage, 'output_tokens', raw.output_tokens);
  overwriteCount(usage, 'cache_read_tokens', raw.cache_read_input_tokens);
  overwriteCount(usage, 'cache_creation_tokens', raw.cache_creation_input_tokens);
}
