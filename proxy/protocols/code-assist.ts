// Google's Code Assist (what Gemini CLI signed in with Google speaks): Gemini's requests and answers, each wrapped.
import { isRecord } from '../tap/tap-values.js';
import { createGeminiStreamProgress } from '../tap/gemini-stream-progress.js';
import { createGeminiStreamTap } from '../tap/gemini-stream-tap.js';
import { CODE_ASSIST_TRANSCRIPT } from '../transcript/gemini-response.js';
import { buildGeminiBudgetEnd, GEMINI_GENERATE_CONTENT } from './gemini-generate-content.js';
import type { ProxyProtocol } from './proxy-protocol.js';

/**
 * Gemini CLI 0.61.0 with a Google login posts `<CODE_ASSIST_ENDPOINT>/v1internal:streamGenerateContent?alt=sse` with
 * `{model, project, user_prompt_id, request: GenerateContentRequest}` and reads chunks `{response:
 * GenerateContentResponse, traceId}`; around them `loadCodeAssist`, `retrieveUserQuota` and `listExperiments`, each a
 * POST under the same prefix, passed untapped (all seen on loopback against a stand-in, 2026-11-27). The model is the
 * body's own `model`. No other Code Assist method is forwarded (the proxy answers it 404): with a login the proxy adds
 * (auth_login), a sandboxed agent could otherwise change the account's settings or onboarding through it, as the ChatGPT
 * back end's web API is refused (server/classify-path.ts). A new user runs `gemini` once outside the proxy to onboard.
 */
const GENERATE = /^\/v1internal:(?:stream)?[gG]enerateContent(?:\?.*)?$/;
const PASSED = /^\/v1internal:(?:countTokens|loadCodeAssist|retrieveUserQuota|listExperiments)(?:\?.*)?$/;
const PREFIX = /^\/v1internal[:/]/;

/** The GenerateContentResponse inside a Code Assist chunk; anything else (an error envelope) as it is. */
export function unwrapCodeAssist(value: unknown): unknown {
  return isRecord(value) && isRecord(value.response) ? value.response : value;
}

export const CODE_ASSIST: ProxyProtocol = {
  ...GEMINI_GENERATE_CONTENT,
  id: 'code-assist',
  taps: (path) => GENERATE.test(path),
  passes: (path) => PASSED.test(path),
  ownsErrors: (path) => PREFIX.test(path),
  readPathModel: () => null,
  refusalInBody: true,
  replacePathModel: undefined,
  createStreamTap: (options) => createGeminiStreamTap(options, unwrapCodeAssist),
  readAnswer: (body, usage) => GEMINI_GENERATE_CONTENT.readAnswer(unwrapRecord(body), usage),
  readAnswerChunks: (chunks, usage) =>
    GEMINI_GENERATE_CONTENT.readAnswerChunks?.(chunks.map(unwrapCodeAssist), usage) ?? { model: null, error: null },
  readOutputBound: (request) =>
    isRecord(request.request) ? GEMINI_GENERATE_CONTENT.readOutputBound(request.request) : Number.POSITIVE_INFINITY,
  readNamedInput: (request) => (isRecord(request.request) ? GEMINI_GENERATE_CONTENT.readNamedInput(request.request) : []),
  formatBudgetEnd: (end) => `data: ${JSON.stringify({ response: buildGeminiBudgetEnd(end) })}\n\n`,
  createStreamProgress: () => createGeminiStreamProgress(unwrapCodeAssist),
  transcript: CODE_ASSIST_TRANSCRIPT,
};

function unwrapRecord(body: Record<string, unknown>): Record<string, unknown> {
  const inner = unwrapCodeAssist(body);
  return isRecord(inner) ? inner : body;
}
