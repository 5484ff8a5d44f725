// Turns raw SSE bytes, split anywhere (mid UTF-8 character, mid CRLF, mid field), into whole events.
import { readEvent } from './read-sse-event.js';
import { createParserReader } from './sse-parser-reader.js';

export type { SseEvent, SseReader, SseReaderCallbacks } from './sse-types.js';
import type { SseReader, SseReaderCallbacks } from './sse-types.js';

const LF = 0x0a;
const CR = 0x0d;

/**
 * A byte-level reader for the LF and CRLF streams the model APIs send: it finds blank lines with
 * Buffer.indexOf and decodes only the data a caller reads. This is on the proxy's hot path (a text
 * stream is ~60 events of which a tap needs three), where decoding and parsing every event cost about a
 * quarter of the proxy's CPU per request in `npm run bench`. A stream with bare-CR line ends (allowed by
 * the SSE spec, used by no API we know) is handed to eventsource-parser, which reads every form.
 */
export function createSseReader(given: SseReaderCallbacks): SseReader {
  const also = given.alsoOnEvent;
  const callbacks: SseReaderCallbacks = also
    ? {
        onEvent: (event) => {
          given.onEvent(event);
          also(event);
        },
        onMalformed: given.onMalformed,
      }
    : given;
  const wants = also ? undefined : given.wants;
  // Bytes of an event not yet ended, kept as received: joined once, when its blank line arrives, so one
  // large event costs time linear in its size (re-joining and re-scanning on every chunk was quadratic).
  let pending: Buffer[] = [];
  let fallback: SseReader | null = null;
  let finished = false;
  const dispatch = (data: Buffer, start: number, end: number): void => {
    if (end > start) readEvent(data, start, end, callbacks, wants);
  };
  const toFallback = (data: Buffer): void => {
    fallback = createParserReader(callbacks);
    fallback.push(data);
    pending = [];
  };
  return {
    push(chunk) {
      if (finished) return;
      if (fallback) return fallback.push(chunk);
      if (!(chunk instanceof Uint8Array)) return callbacks.onMalformed();
      // undici hands Buffers already: only a plain Uint8Array needs a Buffer view (one object less per chunk).
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      const last = pending.at(-1);
      if (last) {
        // A CR that ended the previous chunk is bare unless this one starts with LF.
        if ((last[last.length - 1] === CR && bytes.length > 0 && bytes[0] !== LF) || hasBareCr(bytes, 0))
          return toFallback(Buffer.concat([...pending, bytes]));
        if (!endsEvent(pending, bytes)) {
          pending.push(Buffer.from(bytes));
          return;
        }
      } else if (hasBareCr(bytes, 0)) {
        return toFallback(bytes);
      }
      const data = last ? Buffer.concat([...pending, bytes]) : bytes;
      let start = 0;
      for (let lf = data.indexOf(LF, start); lf >= 0; lf = data.indexOf(LF, lf + 1)) {
        const next = separatorEnd(data, lf);
        if (next < 0) continue;
        dispatch(data, start, lf);
        start = next;
        lf = next - 1;
      }
      pending = start < data.length ? [Buffer.from(data.subarray(start))] : [];
    },
    finish() {
      if (finished) return;
      finished = true;
      if (fallback) return fallback.finish();
      // A body cut before its final blank line still holds its last event: dispatch it (a cut JSON
      // payload then counts as malformed where the caller needed it).
      const rest = pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending);
      pending = [];
      dispatch(rest, 0, rest.length);
    },
  };
}

/** Where the blank line after the LF at `lf` ends (LF LF or LF CR LF), or -1 when that LF ends no event (yet). */
function separatorEnd(data: Buffer, lf: number): number {
  if (data[lf + 1] === LF) return lf + 2;
  return data[lf + 1] === CR && data[lf + 2] === LF ? lf + 3 : -1;
}

/**
 * True when an event ends within `bytes`, read after `pending` (which holds no blank line): only the new
 * bytes are scanned, plus the two pending bytes a blank line could start in (LF CR LF is three bytes).
 */
function endsEvent(pending: readonly Buffer[], bytes: Buffer): boolean {
  for (let lf = bytes.indexOf(LF); lf >= 0; lf = bytes.indexOf(LF, lf + 1)) if (separatorEnd(bytes, lf) >= 0) return true;
  const edge: number[] = [];
  for (let i = pending.length - 1; i >= 0 && edge.length < 2; i -= 1) {
    const part = pending[i] as Buffer;
    for (let j = part.length - 1; j >= 0 && edge.length < 2; j -= 1) edge.unshift(part[j] as number);
  }
  const seam = Buffer.from([...edge, ...bytes.subarray(0, 2)]);
  for (let lf = seam.indexOf(LF); lf >= 0 && lf < edge.length; lf = seam.indexOf(LF, lf + 1)) if (separatorEnd(seam, lf) >= 0) return true;
  return false;
}

/** A CR not followed by LF (a CR that ends the data waits for the next chunk to tell). */
function hasBareCr(data: Buffer, from: number): boolean {
  for (let cr = data.indexOf(CR, Math.max(0, from)); cr >= 0 && cr < data.length - 1; cr = data.indexOf(CR, cr + 1)) {
    if (data[cr + 1] !== LF) return true;
  }
  return false;
}
