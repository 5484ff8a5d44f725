// The most a request may use, read from its body before it is forwarded: what a block budget reserves (pure).
import type { UsageDelta } from '../../budget/index.js';
import { findProxyProtocol } from '../protocols/find-proxy-protocol.js';
import type { ApiKind } from '../tap/usage-tap.js';

export interface RequestWorstCase {
  /** Output: what the body bounds it to; input: an estimate of what the body sends. */
  worst: UsageDelta;
  /** Input the body names instead of sending (file ids, a previous response, a cached content): ReferenceSizes sizes it. */
  named: string[];
}

/**
 * Output: the request's own bound as its protocol states it (`max_tokens`, a thinking budget beside it: request-bounds.ts);
 * without one, Infinity (its model's maximum is reserved). Input: an estimate, the body's bytes / 3 (the proxy's other
 * estimates use bytes / 4: this one leans higher, unmeasured); the real count replaces it when the answer ends. Parsed
 * only when a block budget applies.
 */
export function readWorstCase(body: Buffer | null, kind: ApiKind | null): RequestWorstCase {
  const input = Math.ceil((body?.length ?? 0) / 3);
  let output = Number.POSITIVE_INFINITY;
  let named: string[] = [];
  try {
    const parsed: unknown = body ? JSON.parse(body.toString('utf8')) : {};
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      const protocol = findProxyProtocol(kind);
      output = protocol.readOutputBound(parsed as Record<string, unknown>);
      named = [...new Set(protocol.readNamedInput(parsed as Record<string, unknown>))];
    }
  } catch {
    // Not JSON: the back end refuses it; nothing is known of its output.
  }
  return { worst: { input, output, cache_read: 0, cache_creation: 0 }, named };
}
