// The output a guarded stream has produced so far: characters / 4, or the upstream's own running count where it sends one.
import { describe, expect, it } from 'vitest';
import { createStreamOutputCounter } from './count-stream-output.js';

const delta = (text: string) => {
  const data = JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } });
  return { event: 'content_block_delta', data, size: data.length };
};
const usageDelta = (output: number) => {
  const data = JSON.stringify({ type: 'message_delta', delta: { stop_reason: null }, usage: { output_tokens: output } });
  return { event: 'message_delta', data, size: data.length };
};

describe('createStreamOutputCounter', () => {
  it('estimates characters / 4 until the upstream reports its running count, then counts on from that', () => {
    const counter = createStreamOutputCounter('anthropic-messages');
    counter.observe(delta('x'.repeat(452)));
    expect(counter.estimatedTokens).toBe(113);
    counter.observe(usageDelta(100));
    expect(counter.estimatedTokens).toBe(100);
    counter.observe(delta('y'.repeat(40)));
    expect(counter.estimatedTokens).toBe(110);
    // A message_delta without usage changes nothing.
    const bare = JSON.stringify({ type: 'message_delta', delta: { stop_reason: 'end_turn' } });
    counter.observe({ event: 'message_delta', data: bare, size: bare.length });
    expect(counter.estimatedTokens).toBe(110);
  });
});

describe("createStreamOutputCounter on a tool call's arguments and on thinking", () => {
  const blockDelta = (delta: object) => {
    const data = JSON.stringify({ type: 'content_block_delta', index: 1, delta });
    return { event: 'content_block_delta', data, size: data.length };
  };

  it('counts the arguments the model wrote, not the wrapping of each small delta nor their escapes', () => {
    // The model writes this JSON text, streamed 6 characters a delta: 62 characters, 2 of them backslashes.
    const written = JSON.stringify({ file_path: '/tmp/a.py', content: 'def f():\n    return 1\n' });
    const counter = createStreamOutputCounter('anthropic-messages');
    for (let at = 0; at < written.length; at += 6)
      counter.observe(blockDelta({ type: 'input_json_delta', partial_json: written.slice(at, at + 6) }));
    // Before, each delta counted 14 characters of wrapping and each escape in full: 57 tokens for these 15.
    expect(counter.estimatedTokens).toBe(Math.ceil((written.length - 2) / 4));
  });

  it("counts thinking text, and a thinking block's signature as nothing (before: 125 for these 20)", () => {
    const counter = createStreamOutputCounter('anthropic-messages');
    counter.observe(blockDelta({ type: 'thinking_delta', thinking: 'x'.repeat(80) }));
    counter.observe(blockDelta({ type: 'signature_delta', signature: 'E'.repeat(400) }));
    expect(counter.estimatedTokens).toBe(20);
  });
});

describe('createStreamOutputCounter on Gemini chunks (unnamed data: events)', () => {
  const chunk = (parts: object[], usage: object, finishReason?: string) => ({
    data: JSON.stringify({
      candidates: [{ content: { role: 'model', parts }, ...(finishReason ? { finishReason } : {}) }],
      usageMetadata: usage,
    }),
  });

  it('counts text and call arguments as they stream, takes the running counts where stated, and sees the end', () => {
    const counter = createStreamOutputCounter('gemini-generate-content');
    counter.observe(chunk([{ text: 'x'.repeat(400) }], { promptTokenCount: 2500, cachedContentTokenCount: 700 }));
    expect(counter.estimatedTokens).toBe(100);
    expect(counter.inputSoFar).toEqual({ input: 1800, cache_read: 700, cache_creation: 0 });
    counter.observe(chunk([{ text: 'y'.repeat(40) }], { promptTokenCount: 2500, candidatesTokenCount: 90, thoughtsTokenCount: 20 }));
    expect(counter.estimatedTokens).toBe(110);
    // A field an earlier chunk stated and this one leaves out (the cache) keeps its value: not input charged in full.
    expect(counter.inputSoFar).toEqual({ input: 1800, cache_read: 700, cache_creation: 0 });
    counter.observe(chunk([{ functionCall: { name: 'write_file', args: { content: 'z'.repeat(70) } } }], {}));
    expect(counter.estimatedTokens).toBe(110 + Math.ceil(JSON.stringify({ content: 'z'.repeat(70) }).length / 4));
    expect(counter.ended).toBe(false);
    // The last chunk leaves the thoughts out: they still count (140 candidates + 20 thoughts).
    counter.observe(chunk([], { candidatesTokenCount: 140 }, 'STOP'));
    expect([counter.estimatedTokens, counter.ended]).toEqual([160, true]);
  });

  it('reads nothing from a chunk that is not JSON, and nothing unnamed on the named protocols', () => {
    const counter = createStreamOutputCounter('gemini-generate-content');
    counter.observe({ data: '{"candidates": [' });
    expect(counter.estimatedTokens).toBe(0);
    const anthropic = createStreamOutputCounter('anthropic-messages');
    anthropic.observe(chunk([{ text: 'x'.repeat(400) }], {}));
    expect(anthropic.estimatedTokens).toBe(0);
  });
});
