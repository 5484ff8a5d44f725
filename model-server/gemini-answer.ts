// An answer in Gemini API form: the `data:` chunks of streamGenerateContent, or the GenerateContentResponse of generateContent.
import { findGoogleStatus } from '../ledger/vocabulary/index.js';
import type { AnswerContent } from './answer-content.js';
import type { ApiErrorSpec } from './error-envelopes.js';
import type { ResolvedUsage } from './resolve-usage.js';
import type { SseFrame } from './sse-frame.js';

export interface GeminiAnswerContext {
  seq: number;
  model: string;
  usage: ResolvedUsage;
}

export function buildGoogleError(spec: ApiErrorSpec): Record<string, unknown> {
  const error = { code: spec.status, message: spec.message ?? `scripted ${spec.status} error`, status: findGoogleStatus(spec.status) };
  return { error: spec.details ? { ...error, details: spec.details } : error };
}

/**
 * Gemini has no cache-write count: a script's cache creation is part of the prompt, like its cache reads, which
 * `cachedContentTokenCount` also states (the prompt count includes the cache, ai.google.dev UsageMetadata).
 */
export function toGeminiUsage(usage: ResolvedUsage): Record<string, unknown> {
  const prompt = usage.input_tokens + usage.cache_read_input_tokens + usage.cache_creation_input_tokens;
  return {
    promptTokenCount: prompt,
    candidatesTokenCount: usage.output_tokens,
    totalTokenCount: prompt + usage.output_tokens,
    ...(usage.cache_read_input_tokens > 0 ? { cachedContentTokenCount: usage.cache_read_input_tokens } : {}),
  };
}

/**
 * One chunk per text delta, each with the prompt's count so far (as the API streams it); the last carries the function
 * call (whole: Gemini sends a call's arguments in one part), finishReason STOP and the final usage. With `streamError`,
 * one error chunk.
 */
export function buildGeminiFrames(content: AnswerContent, context: GeminiAnswerContext, streamError?: ApiErrorSpec): SseFrame[] {
  if (streamError) return [raw(buildGoogleError(streamError))];
  return buildGeminiChunks(content, context).map(raw);
}

function buildGeminiChunks(content: AnswerContent, context: GeminiAnswerContext): Record<string, unknown>[] {
  const usage = toGeminiUsage(context.usage);
  const partial = { promptTokenCount: usage.promptTokenCount, totalTokenCount: usage.promptTokenCount };
  const texts = content.textDeltas.map((text) => chunk(context, [{ text }], null, partial));
  const call = content.toolCall ? [{ functionCall: { name: content.toolCall.name, args: content.toolCall.input } }] : [];
  return [...texts, chunk(context, call, 'STOP', usage)];
}

export function buildGeminiBody(content: AnswerContent, context: GeminiAnswerContext): Record<string, unknown> {
  const text = content.textDeltas.length > 0 ? [{ text: content.textDeltas.join('') }] : [];
  const call = content.toolCall ? [{ functionCall: { name: content.toolCall.name, args: content.toolCall.input } }] : [];
  return chunk(context, [...text, ...call], 'STOP', toGeminiUsage(context.usage));
}

function chunk(context: GeminiAnswerContext, parts: object[], finishReason: string | null, usage: object): Record<string, unknown> {
  const candidate = { content: { parts, role: 'model' }, ...(finishReason ? { finishReason } : {}), index: 0 };
  return {
    candidates: [candidate],
    usageMetadata: usage,
    modelVersion: context.model,
    responseId: `scripted${String(context.seq).padStart(6, '0')}`,
  };
}

/** Code Assist's chunk: the answer inside `response`, with a trace id (what Gemini CLI signed in with Google reads). */
export function wrapCodeAssist(chunkBody: Record<string, unknown>, seq: number): Record<string, unknown> {
  return { response: chunkBody, traceId: `scripted-trace-${String(seq).padStart(6, '0')}` };
}

/** Code Assist's stream: Gemini's chunks each wrapped; an error chunk as Gemini sends it (Google's envelope). */
export function buildCodeAssistFrames(content: AnswerContent, context: GeminiAnswerContext, streamError?: ApiErrorSpec): SseFrame[] {
  if (streamError) return buildGeminiFrames(content, context, streamError);
  return buildGeminiChunks(content, context).map((body) => raw(wrapCodeAssist(body, context.seq)));
}

/** Unnamed `data:` events (encodeFrame ends each with its blank line; the real API separates them with CRLF CRLF). */
function raw(data: object): SseFrame {
  return { raw: `data: ${JSON.stringify(data)}` };
}
