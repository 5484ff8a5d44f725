// Tests the SSE byte reader on hostile shapes: one huge event in many chunks, seams inside blank lines, long colon-less lines.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSseReader, type SseEvent } from './sse-reader.js';

function readAll(chunks: Buffer[]): { events: { event: string | undefined; data: string }[]; malformed: number } {
  const events: { event: string | undefined; data: string }[] = [];
  let malformed = 0;
  const reader = createSseReader({
    onEvent: (event: SseEvent) => events.push({ event: event.event, data: event.data }),
    onMalformed: () => (malformed += 1),
  });
  for (const chunk of chunks) reader.push(chunk);
  reader.finish();
  return { events, malformed };
}

function splitEvery(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return chunks;
}

afterEach(() => vi.restoreAllMocks());

describe('createSseReader', () => {
  it('joins the chunks of one large event once, not once per chunk (linear in the event size)', () => {
    const big = 'x'.repeat(1_000_000);
    const chunks = splitEvery(`event: big\ndata: ${big}\n\nevent: next\ndata: {}\n\n`, 1_000);
    const concat = vi.spyOn(Buffer, 'concat');
    const { events } = readAll(chunks);
    expect(events.map((event) => event.event)).toEqual(['big', 'next']);
    expect(events[0]?.data.length).toBe(1_000_000);
    // The old reader joined pending bytes on every one of the ~1,000 chunks.
    expect(concat.mock.calls.length).toBeLessThanOrEqual(2);
  });

  it('finds a blank line split across chunks at every seam (LF LF, CRLF CRLF, LF CR LF)', () => {
    for (const text of ['data: a\n\ndata: b\n\n', 'data: a\r\n\r\ndata: b\r\n\r\n', 'data: a\n\r\ndata: b\n\r\n']) {
      for (const size of [1, 2, 3, 5]) {
        const { events, malformed } = readAll(splitEvery(text, size));
        expect(
          events.map((event) => event.data),
          `${JSON.stringify(text)} in ${size}-byte chunks`,
        ).toEqual(['a', 'b']);
        expect(malformed).toBe(0);
      }
    }
  });

  it('reads an unknown long field as malformed without searching the rest of the buffer for its colon', () => {
    const lines = Array.from({ length: 2_000 }, () => 'y'.repeat(20)).join('\n');
    const { events, malformed } = readAll([Buffer.from(`${lines}\ndata: ok\n\n`)]);
    expect(events.map((event) => event.data)).toEqual(['ok']);
    expect(malformed).toBe(2_000);
  });

  it('still hands a bare-CR stream to the full parser, even when the CR ends a chunk', () => {
    const { events } = readAll([Buffer.from('data: a\r'), Buffer.from('\rdata: b\r\r')]);
    expect(events.map((event) => event.data)).toEqual(['a', 'b']);
  });

  it('joins several data lines of one event with LF, and keeps its event name and id', () => {
    const seen: SseEvent[] = [];
    const reader = createSseReader({ onEvent: (event) => seen.push(event), onMalformed: () => {} });
    reader.push(Buffer.from('event: multi\r\nid: 7\r\ndata: a\r\ndata:b\r\ndata: \r\n\r\ndata: solo\n\n'));
    reader.finish();
    expect(seen.map((event) => [event.event, event.id, event.data, event.size])).toEqual([
      ['multi', '7', 'a\nb\n', 2],
      [undefined, undefined, 'solo', 4],
    ]);
  });

  it('drops the events `wants` refuses before building them, unless a guard watches the stream too', () => {
    const text = 'event: content_block_delta\ndata: {}\n\nevent: message_stop\ndata: {}\n\nevent: caf\u00e9\ndata: {}\n\ndata: {}\n\n';
    const names = (withGuard: boolean): { tap: (string | undefined)[]; guard: (string | undefined)[] } => {
      const tap: (string | undefined)[] = [];
      const guard: (string | undefined)[] = [];
      const reader = createSseReader({
        onEvent: (event) => tap.push(event.event),
        onMalformed: () => {},
        wants: (name) => name !== 'content_block_delta',
        alsoOnEvent: withGuard ? (event) => guard.push(event.event) : undefined,
      });
      reader.push(Buffer.from(text));
      reader.finish();
      return { tap, guard };
    };
    expect(names(false)).toEqual({ tap: ['message_stop', 'café', undefined], guard: [] });
    const all = ['content_block_delta', 'message_stop', 'café', undefined];
    expect(names(true)).toEqual({ tap: all, guard: all });
  });
});
