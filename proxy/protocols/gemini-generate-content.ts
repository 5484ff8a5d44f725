// Google's Gemini API (generateContent and streamGenerateContent, what Gemini CLI speaks) as the proxy reads it.
import { findGoogleStatus, readPathModel } from '../../ledger/vocabulary/index.js';
import type { BudgetEnd, ProxyErrorType, ProxyProtocol } from './proxy-protocol.js';
import { readGeminiNamedInput, readGeminiOutputBound } from './request-bounds.js';
import { createGeminiStreamProgress } from '../tap/gemini-stream-progress.js';
import { createGeminiStreamTap, readGeminiChunk } from '../tap/gemini-stream-tap.js';
import { isRecord } from '../tap/tap-values.js';
import type { TapResult } from '../tap/usage-tap.js';
import { GEMINI_TRANSCRIPT } from '../transcript/gemini-response.js';

/**
 * The model is in the path, not the body (readPathModel): Gemini CLI 0.61.0 posts `.../models/<model>:generateContent`
 * (its router's classification) and `:streamGenerateContent?alt=sse` (the turn) under GOOGLE_GEMINI_BASE_URL, with the
 * key in `x-goog-api-key` (seen on loopback, 2026-11-26).
 */
const API_PREFIX = /^\/v1(?:beta|alpha)\//;

/** Google's error envelope: the HTTP code each of the proxy's errors goes with, and its canonical status (google-status.ts). */
const HTTP_CODE: Record<ProxyErrorType, number> = {
  api_error: 500,
  overloaded_error: 503,
  timeout_error: 504,
  not_found_error: 404,
  authentication_error: 401,
  permission_error: 403,
  invalid_request_error: 400,
  rate_limit_error: 429,
  request_too_large: 400,
};

function formatError(type: ProxyErrorType, message: string): string {
  const code = HTTP_CODE[type];
  return JSON.stringify({ error: { code, message, status: findGoogleStatus(code) } });
}

/** A last chunk that ends the candidate at its token limit, with the output counted so far. */
export function buildGeminiBudgetEnd(end: BudgetEnd): Record<string, unknown> {
  return {
    candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'MAX_TOKENS', index: 0 }],
    usageMetadata: { candidatesTokenCount: end.outputTokens },
  };
}

export const GEMINI_GENERATE_CONTENT: ProxyProtocol = {
  id: 'gemini-generate-content',
  taps: (path) => readPathModel('gemini-generate-content', path) !== null,
  passes: (path) => API_PREFIX.test(path),
  ownsErrors: (path) => API_PREFIX.test(path),
  readPathModel: (path) => readPathModel('gemini-generate-content', path)?.model ?? null,
  // The client library's name and version (@google/genai); not x-goog-user-project, the first account's project.
  failoverHeaders: ['x-goog-api-client'],
  refusalInBody: true,
  // `/v1beta/models/<model>:method?query`: only the model's segment changes, the method and query stay.
  replacePathModel: (url, model) => url.replace(/^(\/v1(?:beta|alpha)?\/models\/)[^/:?]+(?=:)/, `$1${encodeURIComponent(model)}`),
  createStreamTap: createGeminiStreamTap,
  readAnswer(body, usage) {
    const state: TapResult = { usage, firstTokenAt: null, model: null, streamError: null, complete: false, malformed: 0 };
    readGeminiChunk(state, body, () => 0);
    return { model: state.model, error: state.streamError };
  },
  // `:streamGenerateContent` without `alt=sse` streams a JSON array of the same chunks (the REST default).
  readAnswerChunks(chunks, usage) {
    const state: TapResult = { usage, firstTokenAt: null, model: null, streamError: null, complete: false, malformed: 0 };
    const seen: Record<string, unknown> = {};
    for (const chunk of chunks) if (isRecord(chunk)) readGeminiChunk(state, chunk, () => 0, seen);
    return { model: state.model, error: state.streamError };
  },
  readOutputBound: readGeminiOutputBound,
  readNamedInput: readGeminiNamedInput,
  inputIncludesCache: true,
  formatErrorBody: formatError,
  formatErrorEvent: (type, message) => `data: ${formatError(type, message)}\n\n`,
  formatBudgetEnd: (end) => `data: ${JSON.stringify(buildGeminiBudgetEnd(end))}\n\n`,
  createStreamProgress: createGeminiStreamProgress,
  transcript: GEMINI_TRANSCRIPT,
};
