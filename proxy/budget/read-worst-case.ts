// The most a request may use, read from its body before it is forwarded: what a block budget reserves (pure).
import type { UsageDelta } from '../../budget/index.js';
import { findProxyProtocol } from '../protocols/find-proxy-protocol.js';
import type { ApiKind } from '../tap/usage-tap.js';

/**
 * Output: the request's own cap as its protocol states it (`max_tokens`, required in Anthropic Messages;
 * `max_output_tokens` in OpenAI Responses, optional); without one, Infinity (the request is then only let through alone). Input: an estimate,
 * the body's bytes / 3 (the proxy's other estimates use bytes / 4: this one leans higher, unmeasured); the real count
 * replaces it when the answer ends. Parsed only when a block budget applies.
 */
export function readWorstCase(body: Buffer | null, kind: ApiKind | null): UsageDelta {
  const input = Math.ceil((body?.length ?? 0) / 3);
  let output = Number.POSITIVE_INFINITY;
  try {
    const parsed = body ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
    const cap = findProxyProtocol(kind).readOutputCap(parsed);
    if (typeof cap === 'number' && Number.isFinite(cap) && cap >= 0) output = Math.ceil(cap);
  } catch {
    // Not JSON: the back end refuses it; nothing is known of its output.
  }
  return { input, output, cache_read: 0, cache_creation: 0 };
}
