// Reads one SSE event's lines in place, and hands on an event whose data is decoded only when read.
import { readEventName } from './event-names.js';
import type { SseEvent, SseReaderCallbacks } from './sse-types.js';

const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;
const SPACE = 0x20;
type Field = 'event' | 'data' | 'id' | 'retry' | null;

/** Which field a line names, compared in place (no Buffer per line: this runs for every line of every event). */
function readField(data: Buffer, from: number, to: number): Field {
  const length = to - from;
  const first = data[from];
  if (length === 4 && first === 0x64 && data[from + 1] === 0x61 && data[from + 2] === 0x74 && data[from + 3] === 0x61) return 'data';
  if (
    length === 5 &&
    first === 0x65 &&
    data[from + 1] === 0x76 &&
    data[from + 2] === 0x65 &&
    data[from + 3] === 0x6e &&
    data[from + 4] === 0x74
  )
    return 'event';
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
export function readEvent(
  data: Buffer,
  start: number,
  end: number,
  callbacks: SseReaderCallbacks,
  wants: SseReaderCallbacks['wants'],
): void {
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
      } else if (field === 'event') name = readEventName(data, valueStart, contentEnd);
      else if (field === 'id') id = data.toString('utf8', valueStart, contentEnd);
      else if (field === null) callbacks.onMalformed();
    }
    lineStart = lineEnd + 1;
  }
  if (firstStart >= 0 && (!wants || wants(name))) callbacks.onEvent(new ReadEvent(name, id, size, data, firstStart, firstEnd, more));
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
