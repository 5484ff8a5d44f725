// A usage tap for non-streaming responses: buffers the JSON body (up to 32 MiB) and reads usage, model and errors at the end.
import { findProxyProtocol } from '../protocols/find-proxy-protocol.js';
import { copyResult, createEmptyUsage, isRecord, parseJson } from './tap-values.js';
import type { ApiKind, TapOptions, TapResult, UsageTap } from './usage-tap.js';

/** Past this many bytes the tap stops buffering and reports the body as malformed. */
export const MAX_JSON_BODY_BYTES = 32 * 1024 * 1024;

/**
 * The body is read as its protocol's whole answer (proxy/protocols/: usage, model, error).
 * `firstTokenAt` is the arrival of the first non-empty chunk; `complete` is true once the body parsed as
 * a JSON object (or, for a protocol that streams one, an array of chunks). An empty body is neither complete nor malformed.
 */
export function createJsonBodyTap(kind: ApiKind, options: TapOptions = {}): UsageTap {
  const now = options.now ?? (() => performance.now());
  const chunks: Uint8Array[] = [];
  let size = 0;
  let overflowed = false;
  let firstTokenAt: number | null = null;
  let result: TapResult | null = null;

  return {
    push(chunk) {
      if (result !== null || overflowed) return;
      try {
        if (chunk.byteLength === 0) return;
        if (firstTokenAt === null) firstTokenAt = now();
        size += chunk.byteLength;
        if (size > MAX_JSON_BODY_BYTES) {
          overflowed = true;
          chunks.length = 0;
          return;
        }
        // Copied: the caller may reuse the chunk's memory once push returns.
        chunks.push(Uint8Array.prototype.slice.call(chunk));
      } catch {
        overflowed = true;
        chunks.length = 0;
      }
    },
    finish() {
      if (result === null) {
        try {
          result = readBody(kind, chunks, size, overflowed, firstTokenAt);
        } catch {
          result = { usage: createEmptyUsage(), firstTokenAt, model: null, streamError: null, complete: false, malformed: 1 };
        }
      }
      chunks.length = 0;
      return copyResult(result);
    },
  };
}

function readBody(kind: ApiKind, chunks: Uint8Array[], size: number, overflowed: boolean, firstTokenAt: number | null): TapResult {
  const result: TapResult = { usage: createEmptyUsage(), firstTokenAt, model: null, streamError: null, complete: false, malformed: 0 };
  if (overflowed) return { ...result, malformed: 1 };
  if (size === 0) return result;
  const text = Buffer.concat(chunks, size).toString('utf8');
  if (text.trim() === '') return result;
  const body = parseJson(text);
  const protocol = findProxyProtocol(kind);
  const parts = Array.isArray(body) && protocol.readAnswerChunks ? body : null;
  if (!isRecord(body) && parts === null) return { ...result, malformed: 1 };
  result.complete = true;
  const answer =
    parts && protocol.readAnswerChunks
      ? protocol.readAnswerChunks(parts, result.usage)
      : protocol.readAnswer(body as Record<string, unknown>, result.usage);
  result.model = answer.model;
  result.streamError = answer.error;
  return result;
}
