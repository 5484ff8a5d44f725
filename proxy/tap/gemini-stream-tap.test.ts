// Gemini's streamed answer: usage from each chunk's usageMetadata (input with its cache inside, thoughts as output).
import { describe, expect, it } from 'vitest';
import { createGeminiStreamTap } from './gemini-stream-tap.js';
import { createJsonBodyTap } from './json-body-tap.js';
import { feedChunks, readFixture, splitIntoBytes } from './test-fixtures/feed-chunks.js';
import type { TapResult } from './usage-tap.js';

const run = (...chunks: Uint8Array[]): TapResult => feedChunks(createGeminiStreamTap, chunks);
const data = (chunk: object): Uint8Array => new TextEncoder().encode(`data: ${JSON.stringify(chunk)}\r\n\r\n`);

// gemini-stream.sse: three chunks in the documented GenerateContentResponse shape (a thought, text, then a function
// call with finishReason STOP), separated by CRLF CRLF as Google's SSE is.
const streamed: Omit<TapResult, 'firstTokenAt'> = {
  usage: { input_tokens: 9120, output_tokens: 41 + 181, cache_read_tokens: 8000, cache_creation_tokens: null },
  model: 'gemini-2.5-pro',
  streamError: null,
  complete: true,
  malformed: 0,
};

describe('createGeminiStreamTap', () => {
  it('reads the last usageMetadata (prompt with cache inside, candidates plus thoughts), the model version and the end', () => {
    expect(run(readFixture('gemini-stream.sse'))).toEqual({ ...streamed, firstTokenAt: 0 });
  });
  it('reads the same byte by byte, its first token at the first chunk that carries a part', () => {
    const result = run(...splitIntoBytes(readFixture('gemini-stream.sse')));
    expect({ ...result, firstTokenAt: null }).toEqual({ ...streamed, firstTokenAt: null });
    expect(result.firstTokenAt).toBeGreaterThan(100);
  });
  it('adds tool-use prompt tokens to input, and is not complete without a finishReason', () => {
    const usageMetadata = { promptTokenCount: 100, toolUsePromptTokenCount: 20, candidatesTokenCount: 5 };
    const result = run(data({ candidates: [{ content: { parts: [{ text: 'a' }], role: 'model' }, index: 0 }], usageMetadata }));
    expect(result.usage).toEqual({ input_tokens: 120, output_tokens: 5, cache_read_tokens: null, cache_creation_tokens: null });
    expect(result.complete).toBe(false);
  });
  it('keeps a usage field an earlier chunk carried and a later one leaves out (thoughts, tool-use prompts)', () => {
    const first = data({ usageMetadata: { promptTokenCount: 10, thoughtsTokenCount: 50, toolUsePromptTokenCount: 4 } });
    const last = data({ candidates: [{ finishReason: 'STOP' }], usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5 } });
    expect(run(first, last).usage).toEqual({ input_tokens: 14, output_tokens: 55, cache_read_tokens: null, cache_creation_tokens: null });
  });
  it('ends a stream whose prompt the API blocked, which has no candidate', () => {
    const blocked = data({ promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 12 } });
    expect(run(blocked).complete).toBe(true);
  });
  it('takes an error chunk as the stream error, by its status', () => {
    const result = run(data({ error: { code: 429, message: 'Resource has been exhausted', status: 'RESOURCE_EXHAUSTED' } }));
    expect(result.streamError).toEqual({ type: 'RESOURCE_EXHAUSTED', message: 'Resource has been exhausted' });
  });
  it('counts a data line that is not JSON as malformed', () => {
    expect(run(new TextEncoder().encode('data: {"candidates": [\r\n\r\n')).malformed).toBe(1);
  });
});

describe('a Gemini stream sent as a JSON array (`:streamGenerateContent` without alt=sse)', () => {
  it('reads the array of the same chunks through the JSON body tap: the same usage, model and end as the SSE stream', () => {
    const chunks = Buffer.from(readFixture('gemini-stream.sse'))
      .toString('utf8')
      .split(/\r?\n/)
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice(6)) as object);
    const tap = createJsonBodyTap('gemini-generate-content');
    tap.push(new TextEncoder().encode(JSON.stringify(chunks, null, 2)));
    expect({ ...tap.finish(), firstTokenAt: 0 }).toEqual({ ...streamed, firstTokenAt: 0 });
    const anthropic = createJsonBodyTap('anthropic-messages');
    anthropic.push(new TextEncoder().encode(JSON.stringify(chunks)));
    expect(anthropic.finish().malformed).toBe(1);
  });
});
