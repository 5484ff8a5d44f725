// Error bodies in each API's own envelope, so clients parse the proxy's failures like the API's.
import type { ApiKind } from '../tap/usage-tap.js';

export type ProxyErrorType =
  | 'api_error'
  | 'overloaded_error'
  | 'timeout_error'
  | 'not_found_error'
  | 'authentication_error'
  | 'permission_error'
  | 'invalid_request_error'
  | 'rate_limit_error'
  | 'request_too_large';

/** A JSON error body (non-streaming responses and errors before any byte was sent). */
export function formatErrorBody(kind: ApiKind | null, type: ProxyErrorType, message: string): string {
  if (kind === 'openai-responses') return JSON.stringify({ error: { type, code: type, message, param: null } });
  return JSON.stringify({ type: 'error', error: { type, message } });
}

/** An SSE error event, for a stream that already started (Anthropic `event: error`; Responses `event: error`). */
export function formatErrorEvent(kind: ApiKind | null, type: ProxyErrorType, message: string): string {
  if (kind === 'openai-responses') {
    return `event: error\ndata: ${JSON.stringify({ type: 'error', code: type, message, param: null, sequence_number: 0 })}\n\n`;
  }
  return `event: error\ndata: ${JSON.stringify({ type: 'error', error: { type, message } })}\n\n`;
}
