import { describe, expect, it } from 'vitest';
import { createUsageTap, isEventStream } from './create-usage-tap.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('createUsageTap', () => {
  it.each([
    ['text/event-stream', true],
    ['text/event-stream; charset=utf-8', true],
    ['Text/Event-Stream ;charset=UTF-8', true],
    ['application/json', false],
    ['application/json; charset=utf-8', false],
    ['', false],
    [undefined, false],
  ])('treats %j as an event stream: %s', (contentType, expected) => {
    expect(isEventStream(contentType)).toBe(expected);
  });

  it('picks the Anthropic SSE tap for an Anthropic event stream', () => {
    const tap = createUsageTap('anthropic-messages', 'text/event-stream; charset=utf-8');
    tap.push(
      encode(
        'event: message_delta\ndata: {"type":"message_delta","usage":{"output_tokens":5}}\n\nevent: message_stop\ndata: {"type":"message_stop"}\n\n',
      ),
    );
    expect(tap.finish()).toMatchObject({ complete: true, usage: { output_tokens: 5 } });
  });

  it('picks the Responses SSE tap for a Responses event stream', () => {
    const tap = createUsageTap('openai-responses', 'text/event-stream');
    tap.push(
      encode(
        'event: response.completed\ndata: {"type":"response.completed","response":{"usage":{"input_tokens":4,"output_tokens":2}}}\n\n',
      ),
    );
    expect(tap.finish()).toMatchObject({ complete: true, usage: { input_tokens: 4, output_tokens: 2 } });
  });

  it('picks the JSON tap otherwise, and when the content type is missing', () => {
    for (const contentType of ['application/json', undefined]) {
      const tap = createUsageTap('anthropic-messages', contentType);
      tap.push(encode('{"type":"message","model":"claude-opus-4-1","usage":{"input_tokens":3,"output_tokens":9}}'));
      expect(tap.finish()).toMatchObject({ complete: true, model: 'claude-opus-4-1', usage: { input_tokens: 3, output_tokens: 9 } });
    }
  });

  it('never throws on random bytes in random chunks, for any kind and content type', () => {
    let state = 42;
    const random = (): number => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state / 2_147_483_648;
    };
    const alphabet = encode('event: data: message_start message_delta error {"type":"usage":{"input_tokens":1}}\r\n\n:é🎉');
    for (let round = 0; round < 200; round++) {
      for (const kind of ['anthropic-messages', 'openai-responses'] as const) {
        for (const contentType of ['text/event-stream', 'application/json']) {
          const tap = createUsageTap(kind, contentType);
          const bytes = Uint8Array.from({ length: Math.floor(random() * 400) }, () =>
            random() < 0.8 ? (alphabet[Math.floor(random() * alphabet.length)] ?? 0) : Math.floor(random() * 256),
          );
          for (let at = 0; at < bytes.length; ) {
            const size = 1 + Math.floor(random() * 20);
            tap.push(bytes.slice(at, at + size));
            at += size;
          }
          const result = tap.finish();
          expect(result.malformed).toBeGreaterThanOrEqual(0);
        }
      }
    }
  });
});
