// A usage tap for the Gemini API's streamed answer (`streamGenerateContent?alt=sse`, what Gemini CLI reads).
import type { EventSourceMessage } from 'eventsource-parser';
import { applyGeminiUsage } from './gemini-usage.js';
import { createEmptyUsage, isRecord, parseJson, readText } from './tap-values.js';
import { createStreamTapShell } from './stream-tap-shell.js';
import type { TapOptions, TapResult, UsageTap } from './usage-tap.js';

/**
 * Each SSE event is an unnamed `data:` line holding one whole GenerateContentResponse chunk: `candidates` (content
 * parts, and a `finishReason` on the last), `usageMetadata` (cumulative) and `modelVersion`. There is no end marker:
 * the stream is complete once a candidate states its finishReason. An error arrives as `{"error":{code,message,status}}`.
 * First token: the first chunk whose candidate carries a part (text, a function call or a thought).
 */
export function createGeminiStreamTap(options: TapOptions = {}, unwrap: (chunk: unknown) => unknown = (chunk) => chunk): UsageTap {
  const now = options.now ?? (() => performance.now());
  const state: TapResult = { usage: createEmptyUsage(), firstTokenAt: null, model: null, streamError: null, complete: false, malformed: 0 };
  const seen: Record<string, unknown> = {};
  const onEvent = (event: EventSourceMessage): void => {
    // Code Assist sends each chunk inside `response` (protocols/code-assist.ts): `unwrap` takes it out.
    const chunk = unwrap(parseJson(event.data));
    if (!isRecord(chunk)) {
      state.malformed += 1;
      return;
    }
    readGeminiChunk(state, chunk, now, seen);
  };
  return createStreamTapShell(state, onEvent, options);
}

/**
 * One chunk (or a whole answer) into the result: model, usage, first token, end and error. `seen` keeps each
 * usageMetadata field's last value across chunks, so a field one chunk carries (thoughts) and a later one leaves out
 * still counts. A prompt the API blocks (`promptFeedback.blockReason`) ends the stream without a candidate.
 */
export function readGeminiChunk(
  state: TapResult,
  chunk: Record<string, unknown>,
  now: () => number,
  seen: Record<string, unknown> = {},
): void {
  if (isRecord(chunk.error)) {
    const error = chunk.error;
    state.streamError = { type: readText(error.status) ?? 'error', message: readText(error.message) ?? '' };
    return;
  }
  state.model = readText(chunk.modelVersion) ?? state.model;
  if (isRecord(chunk.usageMetadata)) {
    Object.assign(seen, chunk.usageMetadata);
    applyGeminiUsage(state.usage, seen);
  }
  if (isRecord(chunk.promptFeedback) && readText(chunk.promptFeedback.blockReason) !== null) state.complete = true;
  const candidates = Array.isArray(chunk.candidates) ? chunk.candidates.filter(isRecord) : [];
  const parts = candidates.flatMap((candidate) =>
    isRecord(candidate.content) && Array.isArray(candidate.content.parts) ? candidate.content.parts : [],
  );
  if (parts.length > 0 && state.firstTokenAt === null) state.firstTokenAt = now();
  if (candidates.some((candidate) => readText(candidate.finishReason) !== null)) state.complete = true;
}
