// The answer to a request whose body broke a limit: 413, 503 or 408 in the API's own error envelope.
import type { ApiKind } from '../tap/usage-tap.js';
import type { Refusal } from './check-request.js';
import type { ProxyLimits } from './proxy-limits.js';
import type { BodyFailure } from './read-request-body.js';

const MIB = 1024 * 1024;

/**
 * Null for a client that went away (nobody to answer). Each refusal closes the connection: the rest of
 * the body is never read, so the socket cannot carry another request (RFC 9112 section 9.6).
 * Anthropic answers an oversized body with 413 `request_too_large`: https://docs.anthropic.com/en/api/errors
 */
export function describeBodyFailure(reason: BodyFailure, limits: ProxyLimits, kind: ApiKind): Refusal | null {
  const close = { connection: 'close' };
  switch (reason) {
    case 'too-large':
      return {
        status: 413,
        apiType: 'request_too_large',
        errorType: 'request_too_large',
        message: `tracker proxy: request body over ${formatBytes(limits.maxBodyBytes)} (TRACKER_PROXY_MAX_BODY_BYTES)`,
        kind,
        headers: { ...close, 'x-should-retry': 'false' },
      };
    case 'overloaded':
      return {
        status: 503,
        apiType: 'overloaded_error',
        errorType: 'proxy_body_memory_full',
        message: `tracker proxy: request bodies in flight already hold ${formatBytes(limits.maxInFlightBodyBytes)} (TRACKER_PROXY_MAX_INFLIGHT_BODY_BYTES); retry shortly`,
        kind,
        headers: { ...close, 'retry-after': '1' },
      };
    case 'timeout':
      return {
        status: 408,
        apiType: 'timeout_error',
        errorType: 'proxy_body_timeout',
        message: `tracker proxy: no request body bytes for ${limits.bodyIdleTimeoutMs} ms (TRACKER_PROXY_BODY_TIMEOUT_MS)`,
        kind,
        headers: close,
      };
    default:
      return null;
  }
}

function formatBytes(bytes: number): string {
  return bytes % MIB === 0 ? `${bytes / MIB} MiB` : `${bytes} bytes`;
}
