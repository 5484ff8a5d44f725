import { describe, expect, it } from 'vitest';
import { readFixture, splitIntoBytes } from '../tap/test-fixtures/feed-chunks.js';
import { createResponseCollector } from './collect-response.js';

const SSE = 'text/event-stream; charset=utf-8';

describe('createResponseCollector on Anthropic Messages', () => {
  it('rebuilds text, the tool call and the stop reason from a real stream, fed a byte at a time', () => {
    const collector = createResponseCollector('anthropic-messages', 1024);
    collector.start(200, SSE);
    for (const chunk of splitIntoBytes(readFixture('anthropic-tool-use.sse'))) collector.push(chunk);
    const draft = collector.finish();
    expect(draft.text).toBe('Grüße! Ich schaue nach 🌦️ — 天気を確認します (ça marche).');
    expect(draft.toolCalls).toEqual([{ id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', name: 'get_weather', input: '{"location": "Zürich, CH"}' }]);
    expect(draft.stopReason).toBe('tool_use');
    expect(draft.truncated).toBe(false);
    expect(draft.bytes).toBe(readFixture('anthropic-tool-use.sse').byteLength);
  });

  it('cuts at the cap between characters and marks the draft truncated', () => {
    const collector = createResponseCollector('anthropic-messages', 10);
    collector.start(200, SSE);
    collector.push(readFixture('anthropic-tool-use.sse'));
    const draft = collector.finish();
    // "Grüße! " is 9 bytes, and "I" would fit; but a cut made before redaction drops the partial word it ends in (it
    // could be the start of a key), so the text stops at the space.
    expect(draft.text).toBe('Grüße! ');
    expect(draft.toolCalls[0]?.input).toBe('');
    expect(draft.truncated).toBe(true);
  });

  it('reads a JSON body, and keeps an error body as text', () => {
    const ok = createResponseCollector('anthropic-messages', 1024);
    ok.start(200, 'application/json');
    ok.push(
      Buffer.from(
        JSON.stringify({
          content: [
            { type: 'text', text: 'hi' },
            { type: 'tool_use', id: 't1', name: 'Bash', input: { command: 'ls' } },
          ],
          stop_reason: 'tool_use',
        }),
      ),
    );
    expect(ok.finish()).toMatchObject({
      text: 'hi',
      toolCalls: [{ id: 't1', name: 'Bash', input: '{"command":"ls"}' }],
      stopReason: 'tool_use',
    });
    const failed = createResponseCollector('anthropic-messages', 1024);
    failed.start(429, 'application/json');
    failed.push(Buffer.from('{"type":"error","error":{"type":"rate_limit_error"}}'));
    expect(failed.finish()).toMatchObject({ text: '{"type":"error","error":{"type":"rate_limit_error"}}', stopReason: 'http 429' });
  });
});

describe('createResponseCollector on OpenAI Responses', () => {
  it('rebuilds the text of a real Codex stream and its completed status', () => {
    const collector = createResponseCollector('openai-responses', 4096);
    collector.start(200, SSE);
    for (const chunk of splitIntoBytes(readFixture('responses-codex.sse'))) collector.push(chunk);
    const draft = collector.finish();
    expect(draft.text).toBe('Voilà 🎉 — fertig.');
    expect(draft.toolCalls).toEqual([]);
    expect(draft.stopReason).toBe('completed');
  });

  it('reads a function call from its output_item.done and an incomplete status with its reason', () => {
    const events = [
      [
        'response.output_item.added',
        {
          output_index: 0,
          item: { id: 'fc_1', type: 'function_call', status: 'in_progress', arguments: '', call_id: 'call_1', name: 'exec_command' },
        },
      ],
      ['response.function_call_arguments.delta', { item_id: 'fc_1', output_index: 0, delta: '{"cmd":' }],
      ['response.function_call_arguments.delta', { item_id: 'fc_1', output_index: 0, delta: '"ls"}' }],
      [
        'response.output_item.done',
        {
          output_index: 0,
          item: {
            id: 'fc_1',
            type: 'function_call',
            status: 'completed',
            arguments: '{"cmd":"ls"}',
            call_id: 'call_1',
            name: 'exec_command',
          },
        },
      ],
      ['response.incomplete', { response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } } }],
    ] as const;
    const collector = createResponseCollector('openai-responses', 1024);
    collector.start(200, SSE);
    for (const [event, data] of events)
      collector.push(Buffer.from(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`));
    const draft = collector.finish();
    expect(draft.toolCalls).toEqual([{ id: 'call_1', name: 'exec_command', input: '{"cmd":"ls"}' }]);
    expect(draft.stopReason).toBe('incomplete: max_output_tokens');
  });
});

describe('createResponseCollector past its raw cap', () => {
  it('still reads the stop reason from the last events of a long stream', () => {
    const delta = (text: string): string =>
      `event: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } })}\n\n`;
    const collector = createResponseCollector('anthropic-messages', 100);
    collector.start(200, SSE);
    collector.push(
      Buffer.from(
        'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n',
      ),
    );
    for (let i = 0; i < 200; i += 1) collector.push(Buffer.from(delta('abcdefghij')));
    collector.push(Buffer.from('event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"max_tokens"}}\n\n'));
    const draft = collector.finish();
    expect(draft.stopReason).toBe('max_tokens');
    expect(draft.truncated).toBe(true);
    expect(Buffer.byteLength(draft.text)).toBeLessThanOrEqual(100);
  });
});

describe('createResponseCollector on the Gemini API', () => {
  it('rebuilds the text and the function call of a real-shaped stream, fed a byte at a time, leaving the thought out', () => {
    const collector = createResponseCollector('gemini-generate-content', 1024);
    collector.start(200, SSE);
    for (const chunk of splitIntoBytes(readFixture('gemini-stream.sse'))) collector.push(chunk);
    const draft = collector.finish();
    expect(draft.text).toBe('I will fix the sign in ');
    expect(draft.toolCalls).toEqual([
      { id: null, name: 'replace', input: '{"file_path":"src/add.js","old_string":"a - b","new_string":"a + b"}' },
    ]);
    expect(draft.stopReason).toBe('STOP');
    expect(draft.truncated).toBe(false);
  });

  it('reads a whole answer, a JSON array of chunks, and an error chunk in a stream', () => {
    const answer = { candidates: [{ content: { role: 'model', parts: [{ text: 'hi' }] }, finishReason: 'MAX_TOKENS' }] };
    for (const body of [answer, [answer]]) {
      const whole = createResponseCollector('gemini-generate-content', 1024);
      whole.start(200, 'application/json');
      whole.push(Buffer.from(JSON.stringify(body)));
      expect(whole.finish()).toMatchObject({ text: 'hi', stopReason: 'MAX_TOKENS' });
    }
    const failed = createResponseCollector('gemini-generate-content', 1024);
    failed.start(200, SSE);
    failed.push(Buffer.from(`data: ${JSON.stringify({ error: { code: 503, message: 'busy', status: 'UNAVAILABLE' } })}\n\n`));
    expect(failed.finish()).toMatchObject({ text: '\n[stream error: busy]', stopReason: 'error: UNAVAILABLE' });
  });
});
