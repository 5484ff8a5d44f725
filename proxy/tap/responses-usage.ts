// Reads the OpenAI Responses `usage` object (response.completed / incomplete, or a whole JSON body) into usage counts.
import type { UsageCounts } from './usage-tap.js';
import { isRecord, overwriteCount } from './tap-values.js';

/**
 * `input_tokens` is reported as the API gives it, which for the Responses API already includes the
 * cached part (`input_tokens_details.cached_tokens`, reported separately as cache reads). The API has
 * no cache-creation count, so that stays null.
 */
export function applyResponsesUsage(usage: UsageCounts, raw: unknown): void {
  if (!isRecord(raw)) return;
  overwriteCount(usage, 'input_tokens', raw.input_tokens);
  overwriteCount(usage, 'output_tokens', raw.output_tokens);
  if (isRecord(raw.input_tokens_details)) overwriteCount(usage, 'cache_read_tokens', raw.input_tokens_details.cached_tokens);
}
