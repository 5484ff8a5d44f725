import { describe, expect, it } from 'vitest';
import { createAnthropicStreamTap } from './anthropic-stream-tap.js';
import { feedChunks, findEventEnd, readFixture, splitAt, splitIntoBytes } from './test-fixtures/feed-chunks.js';
import type { TapResult } from './usage-tap.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const run = (...chunks: Uint8Array[]): TapResult => feedChunks(createAnthropicStreamTap, chunks);

const toolUseResult: Omit<TapResult, 'firstTokenAt'> = {
  usage: { input_tokens: 2679, output_tokens: 25, cache_read_tokens: 11580, cache_creation_tokens: 1024 },
  model: 'claude-sonnet-4-5-20250929',
  streamError: null,
  complete: true,
  malformed: 0,
};

describe('createAnthropicStreamTap', () => {
  it('reads usage, model and completion from a whole stream', () => {
    expect(run(readFixture('anthropic-tool-use.sse'))).toEqual({ ...toolUseResult, firstTokenAt: 0 });
  });

  it('takes cumulative message_delta usage as a total: 10 then 25 output tokens is 25', () => {
    expect(run(readFixture('anthropic-tool-use.sse')).usage.output_tokens).toBe(25);
  });

  for (const lineEnding of ['\n', '\r\n', '\r'] as const) {
    const label = { '\n': 'LF', '\r\n': 'CRLF', '\r': 'CR' }[lineEnding];
    const bytes = readFixture('anthropic-tool-use.sse', lineEnding);
    const firstDeltaEnd = findEventEnd(bytes, 'content_block_delta', lineEnding);
    // A CR that ends a chunk may be half of a CRLF: a CR-only event is dispatched once the next byte arrives.
    const seenAt = lineEnding === '\r' ? firstDeltaEnd + 1 : firstDeltaEnd;

    it(`gives the same result split at every byte offset (${label})`, () => {
      for (let offset = 0; offset <= bytes.byteLength; offset++) {
        const result = run(...splitAt(bytes, offset));
        expect(result, `offset ${offset}`).toEqual({ ...toolUseResult, firstTokenAt: offset >= seenAt ? 0 : 1 });
      }
    });

    it(`gives the same result fed one byte at a time, first token at the first delta's last byte (${label})`, () => {
      expect(run(...splitIntoBytes(bytes))).toEqual({ ...toolUseResult, firstTokenAt: seenAt - 1 });
    });
  }

  it('counts GLM usage whose message_start is all zeros and whose message_delta has the real figures', () => {
    const result = run(...splitIntoBytes(readFixture('glm-zero-start.sse', '\r\n')));
    expect(result.usage).toEqual({ input_tokens: 14, output_tokens: 2, cache_read_tokens: 128, cache_creation_tokens: null });
    expect(result).toMatchObject({ model: 'glm-4.6', complete: true, malformed: 0 });
  });

  it('keeps message_start figures a message_delta does not repeat, and never lets a zero erase a count', () => {
    const result = run(
      encode(
        'event: message_start\ndata: {"type":"message_start","message":{"model":"claude-opus-4-1","usage":{"input_tokens":120,"cache_read_input_tokens":4000,"output_tokens":1}}}\n\n',
      ),
      encode(
        'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":40,"cache_read_input_tokens":0}}\n\n',
      ),
      encode('event: message_stop\ndata: {"type":"message_stop"}\n\n'),
    );
    expect(result.usage).toEqual({ input_tokens: 120, output_tokens: 40, cache_read_tokens: 4000, cache_creation_tokens: null });
  });

  it('reports an error event inside a 200 stream', () => {
    const result = run(
      encode(
        'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_789","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-20250514","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":1}}}\n\n',
      ),
      encode('event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n'),
    );
    expect(result).toEqual({
      usage: { input_tokens: 10, output_tokens: 1, cache_read_tokens: null, cache_creation_tokens: null },
      firstTokenAt: null,
      model: 'claude-sonnet-4-20250514',
      streamError: { type: 'overloaded_error', message: 'Overloaded' },
      complete: false,
      malformed: 0,
    });
  });

  it('decodes multi-byte text in a parsed event split at every byte offset', () => {
    const bytes = encode(
      'event: error\r\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Überlastet — 過負荷 🔥"}}\r\n\r\n',
    );
    for (let offset = 0; offset <= bytes.byteLength; offset++) {
      expect(run(...splitAt(bytes, offset)).streamError, `offset ${offset}`).toEqual({
        type: 'overloaded_error',
        message: 'Überlastet — 過負荷 🔥',
      });
    }
  });

  it('marks a truncated stream incomplete and keeps what arrived', () => {
    const bytes = readFixture('anthropic-tool-use.sse');
    const cut = findEventEnd(bytes, 'message_delta');
    const result = run(bytes.slice(0, cut));
    expect(result).toMatchObject({ complete: false, malformed: 0, usage: { input_tokens: 2679, output_tokens: 10 } });
  });

  it('counts a stream cut inside a JSON payload as one malformed event', () => {
    const text =
      'event: message_start\ndata: {"type":"message_start","message":{"model":"claude-opus-4-1","usage":{"input_tokens":5}}}\n\nevent: message_delta\ndata: {"type":"message_delta","usage":{"output_tok';
    expect(run(encode(text))).toMatchObject({ complete: false, malformed: 1, usage: { input_tokens: 5, output_tokens: null } });
  });

  it('counts a malformed data line where JSON was needed, never parses delta payloads, and carries on', () => {
    const result = run(
      // One closing brace short: unparsable, so its input_tokens are lost and it counts as malformed.
      encode('event: message_start\ndata: {"type":"message_start","message":{"usage":{"input_tokens":7,"output_tokens":1}}\n\n'),
      encode('event: content_block_delta\ndata: {not json, but never parsed}\n\n'),
      encode('event: message_delta\ndata: {"type":"message_delta","usage":{"output_tokens":3}}\n\n'),
      encode('event: message_stop\ndata: {"type":"message_stop"}\n\n'),
    );
    expect(result).toMatchObject({ malformed: 1, complete: true, firstTokenAt: 1, usage: { input_tokens: null, output_tokens: 3 } });
  });

  it('falls back to the JSON type when events carry no event name', () => {
    const text = [
      'data: {"type":"message_start","message":{"model":"claude-haiku-4-5","usage":{"input_tokens":9,"output_tokens":1}}}',
      'data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"hi"}}',
      'data: {"type":"message_delta","usage":{"output_tokens":4}}',
      'data: {"type":"message_stop"}',
      '',
    ].join('\n\n');
    expect(run(encode('data: {"type":"ping"}\n\n'), encode(text))).toEqual({
      usage: { input_tokens: 9, output_tokens: 4, cache_read_tokens: null, cache_creation_tokens: null },
      firstTokenAt: 1,
      model: 'claude-haiku-4-5',
      streamError: null,
      complete: true,
      malformed: 0,
    });
  });

  it('dispatches a last event that lacks its closing blank line', () => {
    expect(
      run(
        encode(
          'event: message_delta\ndata: {"type":"message_delta","usage":{"output_tokens":8}}\n\nevent: message_stop\ndata: {"type":"message_stop"}',
        ),
      ),
    ).toMatchObject({
      complete: true,
      usage: { output_tokens: 8 },
    });
  });

  it('never throws on garbage, and finish is repeatable', () => {
    const tap = createAnthropicStreamTap();
    tap.push(Uint8Array.of(0xff, 0xfe, 0x00, 0x0a, 0x0a));
    tap.push('not bytes' as unknown as Uint8Array);
    tap.push(encode('bogus-field: 1\n\nevent: error\ndata: {"type":"error"}\n\n'));
    const first = tap.finish();
    expect(first).toMatchObject({ complete: false, streamError: { type: 'error', message: '' } });
    expect(first.malformed).toBeGreaterThan(0);
    tap.push(encode('event: message_stop\ndata: {}\n\n'));
    expect(tap.finish()).toEqual(first);
  });
});

describe('end markers', () => {
  it('does not count a trailing `data: [DONE]` as malformed', async () => {
    const { createAnthropicStreamTap } = await import('./anthropic-stream-tap.js');
    const tap = createAnthropicStreamTap();
    tap.push(new TextEncoder().encode('event: message_stop\ndata: {"type":"message_stop"}\n\ndata: [DONE]\n\n'));
    expect(tap.finish()).toMatchObject({ complete: true, malformed: 0 });
  });
});
