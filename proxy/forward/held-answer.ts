// An answer diverted from the client: its body held (divert's 'read') for the caller's verdict, and the outcome it resolves to.
import type { ForwardOutcome } from './forward-types.js';

/** A refusal's body is a few hundred bytes to a couple of KiB (Google's error envelope with its details). */
const MAX_HELD_BYTES = 64 * 1024;

/** A diverted answer whose body is read whole, up to its cap, before the caller decides on it. */
export class HeldAnswer {
  private readonly chunks: Buffer[] = [];
  private size = 0;

  constructor(
    readonly status: number,
    readonly headers: ForwardOutcome['upstreamHeaders'],
  ) {}

  /** Keeps a chunk; false once the body is over its cap (no verdict can be read then: the upstream is stopped). */
  add(chunk: Buffer): boolean {
    this.size += chunk.length;
    if (this.size > MAX_HELD_BYTES) return false;
    this.chunks.push(chunk);
    return true;
  }

  readBody(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/**
 * The outcome of an answer the client saw nothing of. `body`: a held answer's (null when it was cut or over its cap);
 * absent for an answer dropped unread.
 */
export function buildDivertedOutcome(
  status: number,
  headers: ForwardOutcome['upstreamHeaders'],
  endedAt: number,
  body?: Buffer | null,
): ForwardOutcome {
  const outcome: ForwardOutcome = { status, upstreamHeaders: headers, errorType: null, aborted: false, tap: null, endedAt, diverted: true };
  return body === undefined ? outcome : { ...outcome, divertedBody: body };
}
