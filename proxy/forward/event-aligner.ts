// Holds back a partial SSE event so what the client gets always ends on an event boundary.

const LF = 0x0a;
const CR = 0x0d;
/** A longer partial event is passed on as it is rather than held (no event of the APIs is near this size). */
const MAX_HELD_BYTES = 1024 * 1024;

/**
 * Upstream chunks can end mid-event. Forwarding only whole events costs nothing when chunks are whole
 * events (the usual case) and means that, when the upstream dies mid-event, the proxy's closing
 * `event: error` is never glued to half an event (which a client would fail to parse as JSON).
 */
export class EventAligner {
  private held: Buffer | null = null;

  /** The bytes that may go to the client now (possibly empty). */
  push(chunk: Buffer): Buffer {
    const data = this.held ? Buffer.concat([this.held, chunk]) : chunk;
    const cut = findLastEventEnd(data);
    this.held = cut < data.length ? data.subarray(cut) : null;
    if (this.held && this.held.length > MAX_HELD_BYTES) {
      this.held = null;
      return data;
    }
    return cut === data.length ? data : data.subarray(0, cut);
  }

  /** What is still held: sent when the upstream ends normally, dropped when it fails. */
  drain(): Buffer | null {
    const rest = this.held;
    this.held = null;
    return rest;
  }
}

/**
 * The offset just past the last blank line, or 0 when there is none. SSE allows CRLF, LF and CR line
 * ends, so a blank line is any two in a row ("\n\n", "\r\r", "\r\n\r\n", "\n\r\n", "\r\n\n", ...). A CR
 * that ends the data ends a line either way (alone or as half of a CRLF whose LF is still on its way),
 * and the client gets the same bytes in the same order, so cutting there changes nothing it parses.
 */
export function findLastEventEnd(data: Buffer): number {
  for (let at = data.length - 1; at >= 1; at -= 1) {
    const byte = data[at];
    // A CR followed by LF is the first half of one line end, not a line end of its own.
    if (byte === CR && data[at + 1] === LF) continue;
    if (byte !== LF && byte !== CR) continue;
    // `at` ends a line; where did that line end start, and did another line end just before it?
    const start = byte === LF && data[at - 1] === CR ? at - 1 : at;
    const before = data[start - 1];
    if (start >= 1 && (before === LF || before === CR)) return at + 1;
  }
  return 0;
}
