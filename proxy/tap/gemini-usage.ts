// Reads the Gemini API's `usageMetadata` (each streamed chunk's, or a whole answer's) into usage counts.
import type { UsageCounts } from './usage-tap.js';
import { isRecord, overwriteCount, readCount } from './tap-values.js';

/**
 * `promptTokenCount` already includes `cachedContentTokenCount` (the cache is part of "the total effective prompt
 * size", ai.google.dev UsageMetadata), so input is kept as the API gives it, with tool-use prompts added
 * (`toolUsePromptTokenCount`, inside `totalTokenCount`); output is the candidates' tokens plus the thoughts' (billed as
 * output). Gemini has no cache-write count in an answer (a cache is made by its own call): null. Each chunk's
 * usageMetadata is cumulative, so a later one replaces an earlier one; a field a chunk lacks keeps its value.
 */
export function applyGeminiUsage(usage: UsageCounts, raw: unknown): void {
  if (!isRecord(raw)) return;
  overwriteCount(usage, 'input_tokens', addCounts(raw.promptTokenCount, raw.toolUsePromptTokenCount));
  overwriteCount(usage, 'output_tokens', addCounts(raw.candidatesTokenCount, raw.thoughtsTokenCount));
  overwriteCount(usage, 'cache_read_tokens', raw.cachedContentTokenCount);
}

/** The sum of the counts given, or undefined when none is a count (the field then keeps its earlier value). */
function addCounts(...values: unknown[]): number | undefined {
  const counts = values.map(readCount).filter((count): count is number => count !== null);
  return counts.length === 0 ? undefined : counts.reduce((sum, count) => sum + count, 0);
}
