// OpenAI's Responses API (Codex, with a key or under a ChatGPT login) as the proxy reads it.
import { createResponsesStreamTap } from '../tap/responses-stream-tap.js';
import { applyResponsesUsage } from '../tap/responses-usage.js';
import { isRecord, readStreamError, readText } from '../tap/tap-values.js';
import { formatTypedEvent, type ProxyProtocol } from './proxy-protocol.js';
import { readResponsesNamedInput, readResponsesOutputBound } from './request-bounds.js';
import { RESPONSES_TRANSCRIPT } from '../transcript/responses-response.js';

/** ChatGPT's back end under a ChatGPT login: Codex's Responses path there. */
export const CHATGPT_RESPONSES_PATH = '/backend-api/codex/responses';
/** Codex's model list under a ChatGPT login: served; the rest of ChatGPT's web API never is (classify-path.ts). */
const CHATGPT_MODELS_PATH = '/backend-api/codex/models';
const CHATGPT_PREFIX = '/backend-api/';

/**
 * Tapped on `/v1/responses` and ChatGPT's Responses path (the same API, codex-rs/codex-api endpoint/responses.rs posts
 * `<base_url>/responses`). A whole answer is a Response (`usage`, `model`, `error` when failed) or
 * `{"error":{message,type,code}}`. A budget cut ends the stream with `response.incomplete`, reason `max_output_tokens`.
 */
export const OPENAI_RESPONSES: ProxyProtocol = {
  id: 'openai-responses',
  taps: (path) => path === '/v1/responses' || path === CHATGPT_RESPONSES_PATH,
  passes: (path) => path === CHATGPT_MODELS_PATH,
  ownsErrors: (path) => ['/v1/responses', '/v1/chat', '/v1/models', CHATGPT_PREFIX].some((prefix) => path.startsWith(prefix)),
  readPathModel: () => null,
  // OpenAI's beta header; Codex's client name and beta features (docs/product.md, Codex's headers of a turn), which the
  // ChatGPT back end reads. Not its session-id, thread-id, window id nor turn metadata: the first account's session.
  failoverHeaders: ['openai-beta', 'originator', 'version', 'x-codex-beta-features'],
  createStreamTap: createResponsesStreamTap,
  readAnswer(body, usage) {
    applyResponsesUsage(usage, body.usage);
    return { model: readText(body.model), error: isRecord(body.error) ? readStreamError(body.error, 'error') : null };
  },
  readOutputBound: readResponsesOutputBound,
  readNamedInput: readResponsesNamedInput,
  answersNamedLater: true,
  inputIncludesCache: true,
  formatErrorBody: (type, message) => JSON.stringify({ error: { type, code: type, message, param: null } }),
  formatErrorEvent: (type, message) =>
    `event: error\ndata: ${JSON.stringify({ type: 'error', code: type, message, param: null, sequence_number: 0 })}\n\n`,
  formatBudgetEnd: (end) =>
    formatTypedEvent('response.incomplete', {
      response: {
        id: end.messageId,
        object: 'response',
        status: 'incomplete',
        incomplete_details: { reason: 'max_output_tokens', message: end.message },
        usage: { output_tokens: end.outputTokens },
      },
    }),
  transcript: RESPONSES_TRANSCRIPT,
};
