// Plans for the routes that play no step: count_tokens, the model list, unknown paths and unreadable bodies.
import { buildAnthropicError, buildOpenAiError } from './error-envelopes.js';
import type { ModelApi } from './inspect-request.js';
import { planJsonText, type ResponsePlan } from './plan-response.js';
import { estimateTokens } from './resolve-usage.js';
import { findScriptedProtocol } from './scripted-protocols.js';

const DEFAULT_MODELS = ['claude-sonnet-4-5', 'claude-opus-4-1', 'claude-haiku-4-5', 'gpt-5-codex'];

function jsonPlan(status: number, headers: Record<string, string>, body: unknown): ResponsePlan {
  return planJsonText(status, headers, JSON.stringify(body));
}

/** Supported: `{"input_tokens": N}` estimated from the body; unsupported (as GLM): a 404, never a fake zero. */
export function planCountTokens(supported: boolean, bodyLength: number, requestId: string): ResponsePlan {
  const headers = { 'request-id': requestId };
  if (!supported)
    return jsonPlan(
      404,
      headers,
      buildAnthropicError({ status: 404, message: 'count_tokens is not supported by this endpoint' }, requestId),
    );
  return jsonPlan(200, headers, { input_tokens: estimateTokens(bodyLength) });
}

/** Anthropic's list shape for Anthropic clients (anthropic-version or x-api-key header), OpenAI's otherwise. */
export function planModelList(models: readonly string[] | undefined, anthropicClient: boolean, requestId: string): ResponsePlan {
  const ids = models ?? DEFAULT_MODELS;
  if (anthropicClient) {
    const data = ids.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z' }));
    return jsonPlan(200, { 'request-id': requestId }, { data, has_more: false, first_id: ids[0] ?? null, last_id: ids.at(-1) ?? null });
  }
  const data = ids.map((id) => ({ id, object: 'model', created: 1735689600, owned_by: 'scripted' }));
  return jsonPlan(200, { 'x-request-id': requestId }, { object: 'list', data });
}

export function planNotFound(method: string, path: string, requestId: string): ResponsePlan {
  return jsonPlan(
    404,
    { 'request-id': requestId },
    buildAnthropicError({ status: 404, message: `${method} ${path} is not scripted` }, requestId),
  );
}

/** A model request whose body cannot be used (400 not JSON, 413 too large), in the API's envelope. */
export function planBadBody(api: ModelApi, status: 400 | 413, message: string, requestId: string): ResponsePlan {
  const spec = { status, type: status === 413 ? 'request_too_large' : 'invalid_request_error', message };
  const protocol = findScriptedProtocol(api);
  return jsonPlan(status, protocol.idHeader(requestId), protocol.buildError(spec, requestId));
}
