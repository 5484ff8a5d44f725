// What one streamGenerateContent chunk says of the answer so far, for a block budget counting output as it streams.
import type { StreamProgress } from '../protocols/proxy-protocol.js';
import { isRecord, readCount } from './tap-values.js';

/**
 * Gemini's events are unnamed `data:` chunks, each a whole GenerateContentResponse: its parts' text and function-call
 * arguments are the output it adds (counted in characters, as for the other protocols), its `usageMetadata` the
 * running counts when the API states them (candidates and thoughts as output; the prompt, cache included, as input),
 * and a candidate's `finishReason` (or a prompt's `blockReason`) its end. A chunk that is not JSON says nothing. One
 * reader per stream: a usageMetadata field one chunk states and a later one leaves out (thoughts, the cache) keeps its
 * last value, as the usage tap keeps it (gemini-stream-tap.ts).
 */
export function createGeminiStreamProgress(
  unwrap: (chunk: unknown) => unknown = (chunk) => chunk,
): (data: string) => StreamProgress | null {
  const seen: Record<string, unknown> = {};
  return (data) => readChunk(data, seen, unwrap);
}

function readChunk(data: string, seen: Record<string, unknown>, unwrap: (chunk: unknown) => unknown): StreamProgress | null {
  let chunk: unknown;
  try {
    chunk = unwrap(JSON.parse(data));
  } catch {
    return null;
  }
  if (!isRecord(chunk)) return null;
  const candidate = Array.isArray(chunk.candidates) && isRecord(chunk.candidates[0]) ? chunk.candidates[0] : null;
  const parts = candidate && isRecord(candidate.content) && Array.isArray(candidate.content.parts) ? candidate.content.parts : [];
  let chars = 0;
  for (const part of parts) {
    if (!isRecord(part)) continue;
    if (typeof part.text === 'string') chars += part.text.length;
    if (isRecord(part.functionCall)) chars += JSON.stringify(part.functionCall.args ?? {}).length;
  }
  const own = isRecord(chunk.usageMetadata) ? chunk.usageMetadata : {};
  Object.assign(seen, own);
  const usage = seen;
  // A running output count only where this chunk states one: an earlier chunk's count is not as of this chunk's text.
  const candidates = readCount(own.candidatesTokenCount) === null ? null : readCount(usage.candidatesTokenCount);
  const prompt = readCount(usage.promptTokenCount);
  const cached = Math.min(prompt ?? 0, readCount(usage.cachedContentTokenCount) ?? 0);
  const blocked = isRecord(chunk.promptFeedback) && typeof chunk.promptFeedback.blockReason === 'string';
  return {
    chars,
    output: candidates === null ? null : candidates + (readCount(usage.thoughtsTokenCount) ?? 0),
    ended: blocked || typeof candidate?.finishReason === 'string',
    input: prompt === null ? null : { input: prompt - cached, cache_read: cached, cache_creation: 0 },
  };
}
