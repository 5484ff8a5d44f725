import { describe, expect, it } from 'vitest';
import { MAX_JSON_BODY_BYTES, createJsonBodyTap } from './json-body-tap.js';
import { feedChunks, splitIntoBytes } from './test-fixtures/feed-chunks.js';
import type { ApiKind, TapResult } from './usage-tap.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const run = (kind: ApiKind, ...chunks: Uint8Array[]): TapResult => feedChunks((options) => createJsonBodyTap(kind, options), chunks);

const anthropicMessage = JSON.stringify({
  id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5-20250929',
  content: [{ type: 'text', text: 'Grüße — 日本語 🎉' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: {
    input_tokens: 2095,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 3000,
    output_tokens: 503,
    service_tier: 'standard',
  },
});

const responsesBody = JSON.stringify({
  id: 'resp_67ccd3a9da748190baa7f1570fe91ac604becb25c45c1d41',
  object: 'response',
  status: 'completed',
  error: null,
  model: 'gpt-5-codex',
  output: [
    {
      type: 'message',
      id: 'msg_1',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: 'Voilà', annotations: [] }],
    },
  ],
  usage: {
    input_tokens: 328,
    input_tokens_details: { cached_tokens: 256 },
    output_tokens: 52,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: 380,
  },
});

describe('createJsonBodyTap', () => {
  it('reads an Anthropic Message body split anywhere, first token at the first chunk', () => {
    expect(run('anthropic-messages', ...splitIntoBytes(encode(anthropicMessage)))).toEqual({
      usage: { input_tokens: 2095, output_tokens: 503, cache_read_tokens: 3000, cache_creation_tokens: 0 },
      firstTokenAt: 0,
      model: 'claude-sonnet-4-5-20250929',
      streamError: null,
      complete: true,
      malformed: 0,
    });
  });

  it('reads the Anthropic error envelope', () => {
    const body = '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011Cfj8yaBh5BmnmLXvSFnGs"}';
    expect(run('anthropic-messages', encode(body))).toMatchObject({
      streamError: { type: 'overloaded_error', message: 'Overloaded' },
      complete: true,
      malformed: 0,
    });
  });

  it('reads a Responses body with cached tokens', () => {
    expect(run('openai-responses', encode(responsesBody.slice(0, 40)), encode(responsesBody.slice(40)))).toEqual({
      usage: { input_tokens: 328, output_tokens: 52, cache_read_tokens: 256, cache_creation_tokens: null },
      firstTokenAt: 0,
      model: 'gpt-5-codex',
      streamError: null,
      complete: true,
      malformed: 0,
    });
  });

  it('reads a Responses error body', () => {
    const body = '{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}';
    expect(run('openai-responses', encode(body)).streamError).toEqual({
      type: 'invalid_request_error',
      message: 'Incorrect API key provided',
    });
  });

  it('counts a body that is not JSON as malformed', () => {
    expect(run('anthropic-messages', encode('<html><body>502 Bad Gateway</body></html>'))).toMatchObject({
      malformed: 1,
      complete: false,
      firstTokenAt: 0,
    });
  });

  it('reports an empty body as neither complete nor malformed', () => {
    expect(run('openai-responses', new Uint8Array(0))).toMatchObject({ malformed: 0, complete: false, firstTokenAt: null });
  });

  it('gives up past 32 MiB and marks the body malformed', () => {
    const tap = createJsonBodyTap('anthropic-messages', { now: () => 7 });
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    for (let sent = 0; sent <= MAX_JSON_BODY_BYTES; sent += chunk.byteLength) tap.push(chunk);
    tap.push(encode(anthropicMessage));
    expect(tap.finish()).toMatchObject({ malformed: 1, complete: false, firstTokenAt: 7, usage: { input_tokens: null } });
  });

  it('copies chunks, so a caller reusing its buffer does not corrupt the body', () => {
    const tap = createJsonBodyTap('anthropic-messages');
    const buffer = encode(anthropicMessage);
    tap.push(buffer);
    buffer.fill(0x78);
    expect(tap.finish().usage.output_tokens).toBe(503);
  });
});
