// Anthropic's Messages API (Claude Code, and the Anthropic-compatible GLM, Kimi and DeepSeek endpoints) as the proxy reads it.
import { createAnthropicStreamTap } from '../tap/anthropic-stream-tap.js';
import { applyAnthropicUsage } from '../tap/anthropic-usage.js';
import { isRecord, readStreamError, readText } from '../tap/tap-values.js';
import { formatTypedEvent, type ProxyProtocol } from './proxy-protocol.js';
import { readAnthropicNamedInput, readAnthropicOutputBound } from './request-bounds.js';
import { ANTHROPIC_TRANSCRIPT } from '../transcript/anthropic-response.js';

/**
 * A whole answer is a Message (`usage`, `model`) or the envelope `{"type":"error","error":{type,message}}`. A budget
 * cut closes the open block, then `message_delta` with stop_reason `max_tokens` (the client treats the answer as cut at
 * a token limit, which it is) and `message_stop`: a well-formed end, not a broken socket.
 */
export const ANTHROPIC_MESSAGES: ProxyProtocol = {
  id: 'anthropic-messages',
  taps: (path) => path === '/v1/messages',
  // count_tokens and the rest of `/v1/*` (OpenAI's untapped paths too) pass through.
  passes: (path) => path.startsWith('/v1/'),
  ownsErrors: () => false,
  readPathModel: () => null,
  // docs.anthropic.com/en/api/versioning and /en/api/beta-headers.
  failoverHeaders: ['anthropic-version', 'anthropic-beta'],
  createStreamTap: createAnthropicStreamTap,
  readAnswer(body, usage) {
    applyAnthropicUsage(usage, body.usage);
    const failed = body.type === 'error' || isRecord(body.error);
    return { model: readText(body.model), error: failed ? readStreamError(body.error, 'error') : null };
  },
  readOutputBound: readAnthropicOutputBound,
  readNamedInput: readAnthropicNamedInput,
  inputIncludesCache: false,
  formatErrorBody: (type, message) => JSON.stringify({ type: 'error', error: { type, message } }),
  formatErrorEvent: (type, message) => `event: error\ndata: ${JSON.stringify({ type: 'error', error: { type, message } })}\n\n`,
  formatBudgetEnd(end) {
    const parts: string[] = [];
    if (end.openBlock !== null) parts.push(formatTypedEvent('content_block_stop', { index: end.openBlock }));
    const delta = { delta: { stop_reason: 'max_tokens', stop_sequence: null }, usage: { output_tokens: end.outputTokens } };
    parts.push(formatTypedEvent('message_delta', delta), formatTypedEvent('message_stop', {}));
    return parts.join('');
  },
  transcript: ANTHROPIC_TRANSCRIPT,
};
