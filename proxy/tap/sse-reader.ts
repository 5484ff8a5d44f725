// Turns raw SSE bytes, split anywhere (mid UTF-8 character, mid CRLF, mid field), into whole events.
import type { EventSourceMessage } from 'eventsource-parser';
import { createParserReader } from './sse-parser-reader.js';

export interface SseReader {
  /** Feeds one chunk of the body; never throws. */
  push(chunk: Uint8Array): void;
  /** Flushes any last event that lacked its closing blank line; never throws. */
  finish(): void;
}

/** An event as read: `data` decoded on first read; `size` is the data's length in bytes (without decoding). */
export type SseEvent = EventSourceMessage & { size?: number };

export interface SseReaderCallbacks {
  /** `data` is decoded only when read, so events a tap skips by name cost no UTF-8 decoding. */
  onEvent(event: SseEvent): void;
  /** A line that was not valid SSE (an unknown field, a bad retry value). */
  onMalformed(): void;
  /** Also shown every event, after onEvent (a budget guard watching the same stream). */
  alsoOnEvent?: ((event: SseEvent) => void) | undefined;
}

const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;
const SPACE = 0x20;
type Field = 'event' | 'data' | 'id' | 'retry' | null;

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
  // Bytes of an event not yet ended, kept as received: joined once, when its blank line arrives, so one
  // large event costs time linear in its size (re-joining and re-scanning on every chunk was quadratic).
  let pending: Buffer[] = [];
  let fallback: SseReader | null = null;
  let finished = false;
  const dispatch = (data: Buffer, start: number, end: number): void => {
    if (end > start) readEvent(data, start, end, callbacks);
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
      const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      const last = pending.at(-1);
      if (last) {
        // A CR that ended the previous chunk is bare unless this one starts with LF.
        if ((last[last.length - 1] === CR && bytes.length > 0 && bytes[0] !== LF) || hasBareCr(bytes, 0)) return toFallback(Buffer.concat([...pending, bytes]));
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

/** Which field a line names, compared in place (no Buffer per line: this runs for every line of every event). */
function readField(data: Buffer, from: number, to: number): Field {
  const length = to - from;
  const first = data[from];
  if (length === 4 && first === 0x64 && data[from + 1] === 0x61 && data[from + 2] === 0x74 && data[from + 3] === 0x61) return 'data';
  if (length === 5 && first === 0x65 && data[from + 1] === 0x76 && data[from + 2] === 0x65 && data[from + 3] === 0x6e && data[from + 4] === 0x74) return 'event';
  if (length === 2 && first === 0x69 && data[from + 1] === 0x64) return 'id';
  if (length === 5 && first === 0x72 && data.toString('latin1', from, to) === 'retry') return 'retry';
  return null;
}

/**
 * Where a line's field name ends: its first colon, or the line's end. Only the first six bytes are
 * searched: the known fields are at most five letters, so a longer name is unknown wherever its colon
 * is, and searching the whole buffer for a colon per line would be quadratic in a large colon-less event.
 */
function findFieldEnd(data: Buffer, from: number, to: number): number {
  const limit = Math.min(to, from + 6);
  for (let at = from; at < limit; at += 1) if (data[at] === COLON) return at;
  return limit === to ? to : limit;
}

/** Reads the lines of one event (without its blank line) and hands it on; lines end in LF or CRLF. */
function readEvent(data: Buffer, start: number, end: number, callbacks: SseReaderCallbacks): void {
  let name: string | undefined;
  let id: string | undefined;
  // Offsets of the data lines: the first kept in two numbers (the usual case), others in an array.
  let firstStart = -1;
  let firstEnd = -1;
  let more: number[] | null = null;
  let size = 0;
  for (let lineStart = start; lineStart < end; ) {
    const lf = data.indexOf(LF, lineStart);
    const lineEnd = lf < 0 || lf > end ? end : lf;
    const contentEnd = lineEnd > lineStart && data[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
    if (contentEnd > lineStart && data[lineStart] !== COLON) {
      const fieldEnd = findFieldEnd(data, lineStart, contentEnd);
      let valueStart = fieldEnd === contentEnd ? contentEnd : fieldEnd + 1;
      if (data[valueStart] === SPACE && valueStart < contentEnd) valueStart += 1;
      const field = readField(data, lineStart, fieldEnd);
      if (field === 'data') {
        size += contentEnd - valueStart;
        if (firstStart < 0) {
          firstStart = valueStart;
          firstEnd = contentEnd;
        } else (more ??= []).push(valueStart, contentEnd);
      } else if (field === 'event') name = data.toString('utf8', valueStart, contentEnd);
      else if (field === 'id') id = data.toString('utf8', valueStart, contentEnd);
      else if (field === null) callbacks.onMalformed();
    }
    lineStart = lineEnd + 1;
  }
  if (firstStart >= 0) callbacks.onEvent(new ReadEvent(name, id, size, data, firstStart, firstEnd, more));
}

/**
 * An event whose `data` is decoded on first read. A class with its getter on the prototype: an object
 * literal with a getter (the old shape) is built on V8's slow path, and at ~60 events per response it
 * cost more than the rest of the tap together.
 */
class ReadEvent implements SseEvent {
  private decoded: string | undefined;

  constructor(
    readonly event: string | undefined,
    readonly id: string | undefined,
    readonly size: number,
    private readonly bytes: Buffer,
    private readonly firstStart: number,
    private readonly firstEnd: number,
    private readonly more: number[] | null,
  ) {}

  get data(): string {
    if (this.decoded === undefined) {
      let text = this.bytes.toString('utf8', this.firstStart, this.firstEnd);
      const more = this.more;
      if (more) for (let i = 0; i < more.length; i += 2) text += `\n${this.bytes.toString('utf8', more[i], more[i + 1])}`;
      this.decoded = text;
    }
    return this.decoded;
  }
}
