import { describe, expect, it } from 'vitest';
import { createResponsesStreamTap } from './responses-stream-tap.js';
import { feedChunks, findEventEnd, readFixture, splitAt, splitIntoBytes } from './test-fixtures/feed-chunks.js';
import type { TapResult } from './usage-tap.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const run = (...chunks: Uint8Array[]): TapResult => feedChunks(createResponsesStreamTap, chunks);
const event = (type: string, body: Record<string, unknown>): string => `event: ${type}\ndata: ${JSON.stringify({ type, ...body })}\n\n`;

const codexResult: Omit<TapResult, 'firstTokenAt'> = {
  usage: { input_tokens: 12873, output_tokens: 214, cache_read_tokens: 11520, cache_creation_tokens: null },
  model: 'gpt-5-codex',
  streamError: null,
  complete: true,
  malformed: 0,
};

describe('createResponsesStreamTap', () => {
  it('reads usage with cached tokens, the model and completion from response.completed', () => {
    expect(run(readFixture('responses-codex.sse'))).toEqual({ ...codexResult, firstTokenAt: 0 });
  });

  for (const lineEnding of ['\n', '\r\n', '\r'] as const) {
    const label = { '\n': 'LF', '\r\n': 'CRLF', '\r': 'CR' }[lineEnding];
    const bytes = readFixture('responses-codex.sse', lineEnding);
    // The first generated content is the reasoning summary delta, not the empty item announced before it.
    const firstDeltaEnd = findEventEnd(bytes, 'response.reasoning_summary_text.delta', lineEnding);
    // A CR that ends a chunk may be half of a CRLF: a CR-only event is dispatched once the next byte arrives.
    const seenAt = lineEnding === '\r' ? firstDeltaEnd + 1 : firstDeltaEnd;

    it(`gives the same result split at every byte offset (${label})`, () => {
      for (let offset = 0; offset <= bytes.byteLength; offset++) {
        expect(run(...splitAt(bytes, offset)), `offset ${offset}`).toEqual({ ...codexResult, firstTokenAt: offset >= seenAt ? 0 : 1 });
      }
    });

    it(`gives the same result fed one byte at a time (${label})`, () => {
      expect(run(...splitIntoBytes(bytes))).toEqual({ ...codexResult, firstTokenAt: seenAt - 1 });
    });
  }

  it('takes the first token from a function-call arguments delta', () => {
    const result = run(
      encode(event('response.output_item.added', { item: { type: 'function_call', name: 'shell', arguments: '' } })),
      encode(event('response.function_call_arguments.delta', { delta: '{"command":["ls"]}' })),
    );
    expect(result).toMatchObject({ firstTokenAt: 1, complete: false });
  });

  it('takes the first token from an item that arrives whole, without deltas', () => {
    const result = run(
      encode(event('response.output_item.added', { item: { type: 'local_shell_call', status: 'in_progress' } })),
      encode(event('response.output_item.done', { item: { type: 'local_shell_call', status: 'completed' } })),
    );
    expect(result.firstTokenAt).toBe(1);
  });

  it('counts response.incomplete as terminal, with its usage', () => {
    const result = run(
      encode(
        event('response.incomplete', {
          response: {
            status: 'incomplete',
            incomplete_details: { reason: 'max_output_tokens' },
            model: 'gpt-5',
            usage: { input_tokens: 50, input_tokens_details: { cached_tokens: 0 }, output_tokens: 16, total_tokens: 66 },
          },
        }),
      ),
    );
    expect(result).toMatchObject({ complete: true, model: 'gpt-5', usage: { input_tokens: 50, output_tokens: 16, cache_read_tokens: 0 } });
  });

  it('reports response.failed as a stream error, not complete', () => {
    const result = run(
      encode(event('response.created', { response: { status: 'in_progress', model: 'gpt-5-codex', usage: null } })),
      encode(
        event('response.failed', {
          response: {
            status: 'failed',
            model: 'gpt-5-codex',
            error: { code: 'rate_limit_exceeded', message: 'Rate limit reached. Please try again in 11.054s.' },
            usage: null,
          },
        }),
      ),
    );
    expect(result).toEqual({
      usage: { input_tokens: null, output_tokens: null, cache_read_tokens: null, cache_creation_tokens: null },
      firstTokenAt: null,
      model: 'gpt-5-codex',
      streamError: { type: 'rate_limit_exceeded', message: 'Rate limit reached. Please try again in 11.054s.' },
      complete: false,
      malformed: 0,
    });
  });

  it('reports an error event, flat as documented or nested', () => {
    expect(
      run(encode(event('error', { code: 'server_error', message: 'The server had an error', param: null, sequence_number: 3 })))
        .streamError,
    ).toEqual({ type: 'server_error', message: 'The server had an error' });
    expect(
      run(encode(event('error', { error: { type: 'usage_limit_reached', message: 'The usage limit has been reached' }, status_code: 429 })))
        .streamError,
    ).toEqual({
      type: 'usage_limit_reached',
      message: 'The usage limit has been reached',
    });
  });

  it('marks a stream cut before response.completed incomplete, keeping the model from response.created', () => {
    const bytes = readFixture('responses-codex.sse');
    const result = run(bytes.slice(0, findEventEnd(bytes, 'response.output_text.done')));
    expect(result).toMatchObject({ complete: false, model: 'gpt-5-codex', malformed: 0, usage: { input_tokens: null } });
  });

  it('counts a malformed data line where JSON was needed', () => {
    const result = run(
      encode(
        'event: response.output_text.delta\ndata: {never parsed\n\nevent: response.completed\ndata: {"type":"response.completed","response":{\n\n',
      ),
    );
    expect(result).toMatchObject({ malformed: 1, complete: false, firstTokenAt: 0 });
  });

  it('falls back to the JSON type when events carry no event name', () => {
    const text = [
      'data: {"type":"response.created","response":{"model":"gpt-5-codex"}}',
      'data: {"type":"response.output_item.added","item":{"type":"message"}}',
      'data: {"type":"response.output_text.delta","delta":"hi"}',
      'data: {"type":"response.completed","response":{"model":"gpt-5-codex","usage":{"input_tokens":3,"output_tokens":1}}}',
      'data: [DONE]',
      '',
    ].join('\n\n');
    expect(run(encode('data: {"type":"response.in_progress"}\n\n'), encode(text))).toMatchObject({
      firstTokenAt: 1,
      complete: true,
      malformed: 0,
      usage: { input_tokens: 3, output_tokens: 1, cache_read_tokens: null },
    });
  });
});

describe('cache writes', () => {
  it('reads input_tokens_details.cache_write_tokens as cache creation (what Codex 0.169 counts)', () => {
    const completed = event('response.completed', {
      response: {
        status: 'completed',
        model: 'gpt-5-codex',
        usage: {
          input_tokens: 3000,
          input_tokens_details: { cached_tokens: 1800, cache_write_tokens: 1200 },
          output_tokens: 60,
          total_tokens: 3060,
        },
      },
    });
    expect(run(encode(completed)).usage).toEqual({
      input_tokens: 3000,
      output_tokens: 60,
      cache_read_tokens: 1800,
      cache_creation_tokens: 1200,
    });
  });
});
