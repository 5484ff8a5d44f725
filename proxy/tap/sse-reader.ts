// Turns raw SSE bytes, split anywhere (mid UTF-8 character, mid CRLF, mid field), into whole events.
import { createParser, type EventSourceMessage } from 'eventsource-parser';

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
  let pending: Buffer | null = null;
  let fallback: SseReader | null = null;
  let finished = false;
  const dispatch = (data: Buffer, start: number, end: number): void => {
    if (end > start) readEvent(data, start, end, callbacks);
  };
  return {
    push(chunk) {
      if (finished) return;
      if (fallback) return fallback.push(chunk);
      if (!(chunk instanceof Uint8Array)) return callbacks.onMalformed();
      const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      const data = pending ? Buffer.concat([pending, bytes]) : bytes;
      if (hasBareCr(data, pending ? pending.length - 1 : 0)) {
        fallback = createParserReader(callbacks);
        fallback.push(data);
        pending = null;
        return;
      }
      let start = 0;
      for (let lf = data.indexOf(LF, start); lf >= 0; lf = data.indexOf(LF, lf + 1)) {
        const next = data[lf + 1] === LF ? lf + 2 : data[lf + 1] === CR && data[lf + 2] === LF ? lf + 3 : -1;
        if (next < 0) continue;
        dispatch(data, start, lf);
        start = next;
        lf = next - 1;
      }
      pending = start < data.length ? Buffer.from(data.subarray(start)) : null;
    },
    finish() {
      if (finished) return;
      finished = true;
      if (fallback) return fallback.finish();
      // A body cut before its final blank line still holds its last event: dispatch it (a cut JSON
      // payload then counts as malformed where the caller needed it).
      if (pending) dispatch(pending, 0, pending.length);
      pending = null;
    },
  };
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

/** Reads the lines of one event (without its blank line) and hands it on; lines end in LF or CRLF. */
function readEvent(data: Buffer, start: number, end: number, callbacks: SseReaderCallbacks): void {
  let name: string | undefined;
  let id: string | undefined;
  const dataLines: number[] = [];
  for (let lineStart = start; lineStart < end; ) {
    const lf = data.indexOf(LF, lineStart);
    const lineEnd = lf < 0 || lf > end ? end : lf;
    const contentEnd = lineEnd > lineStart && data[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
    if (contentEnd > lineStart && data[lineStart] !== COLON) {
      const colon = data.indexOf(COLON, lineStart);
      const fieldEnd = colon < 0 || colon > contentEnd ? contentEnd : colon;
      let valueStart = fieldEnd === contentEnd ? contentEnd : fieldEnd + 1;
      if (data[valueStart] === SPACE && valueStart < contentEnd) valueStart += 1;
      const field = readField(data, lineStart, fieldEnd);
      if (field === 'data') dataLines.push(valueStart, contentEnd);
      else if (field === 'event') name = data.toString('utf8', valueStart, contentEnd);
      else if (field === 'id') id = data.toString('utf8', valueStart, contentEnd);
      else if (field === null) callbacks.onMalformed();
    }
    lineStart = lineEnd + 1;
  }
  if (dataLines.length === 0) return;
  let decoded: string | undefined;
  let size = 0;
  for (let i = 0; i < dataLines.length; i += 2) size += (dataLines[i + 1] as number) - (dataLines[i] as number);
  callbacks.onEvent({
    event: name,
    id,
    size,
    get data() {
      if (decoded === undefined) {
        decoded = data.toString('utf8', dataLines[0], dataLines[1]);
        for (let i = 2; i < dataLines.length; i += 2) decoded += `\n${data.toString('utf8', dataLines[i], dataLines[i + 1])}`;
      }
      return decoded;
    },
  });
}

/** The full parser, for streams the byte reader leaves alone. */
function createParserReader(callbacks: SseReaderCallbacks): SseReader {
  const decoder = new TextDecoder('utf-8');
  const parser = createParser({ onEvent: callbacks.onEvent, onError: callbacks.onMalformed });
  return {
    push(chunk) {
      try {
        const text = decoder.decode(chunk, { stream: true });
        if (text !== '') parser.feed(text);
      } catch {
        callbacks.onMalformed();
      }
    },
    finish() {
      try {
        parser.feed(`${decoder.decode()}\n\n`);
      } catch {
        callbacks.onMalformed();
      }
    },
  };
}
