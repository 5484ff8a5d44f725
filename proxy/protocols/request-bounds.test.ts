// What each protocol's request body bounds (output with thinking) and what input it names instead of sending.
import { describe, expect, it } from 'vitest';
import { findProxyProtocol } from './find-proxy-protocol.js';

const messages = findProxyProtocol('anthropic-messages');
const responses = findProxyProtocol('openai-responses');
const gemini = findProxyProtocol('gemini-generate-content');
const assist = findProxyProtocol('code-assist');

describe('the output a request may spend', () => {
  it('takes an Anthropic thinking budget where it exceeds max_tokens (interleaved thinking), else max_tokens', () => {
    expect(messages.readOutputBound({ max_tokens: 4096, thinking: { type: 'enabled', budget_tokens: 2048 } })).toBe(4096);
    expect(messages.readOutputBound({ max_tokens: 4096, thinking: { type: 'enabled', budget_tokens: 20_000 } })).toBe(20_000);
    expect(messages.readOutputBound({ max_tokens: 'lots' })).toBe(Number.POSITIVE_INFINITY);
  });

  it("adds Gemini's thinking budget to maxOutputTokens; a dynamic budget or a level bounds nothing", () => {
    const config = (thinkingConfig?: object) => ({
      generationConfig: { maxOutputTokens: 100, ...(thinkingConfig ? { thinkingConfig } : {}) },
    });
    expect(gemini.readOutputBound(config({ thinkingBudget: 2000 }))).toBe(2100);
    expect(gemini.readOutputBound(config({ thinkingBudget: 0 }))).toBe(100);
    expect(gemini.readOutputBound(config({ thinkingBudget: -1 }))).toBe(Number.POSITIVE_INFINITY);
    expect(gemini.readOutputBound(config({ thinkingLevel: 'high' }))).toBe(Number.POSITIVE_INFINITY);
    expect(gemini.readOutputBound(config())).toBe(100);
    expect(assist.readOutputBound({ model: 'm', request: config({ thinkingBudget: 8192 }) })).toBe(8292);
  });

  it('takes max_output_tokens for a Responses request whatever its reasoning effort: it bounds reasoning too', () => {
    expect(responses.readOutputBound({ max_output_tokens: 500, reasoning: { effort: 'high' } })).toBe(500);
    expect(responses.readOutputBound({ reasoning: { effort: 'high' } })).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('the input a request names instead of sending', () => {
  it('reads Anthropic file and URL sources, in tool results too, but not what a tool call was given', () => {
    const body = {
      system: [{ type: 'text', text: 'be brief' }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'document', source: { type: 'file', file_id: 'file_1' } },
            { type: 'text', text: 'hi' },
          ],
        },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'x', input: { source: { type: 'file', file_id: 'file_no' } } }] },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 't', content: [{ type: 'image', source: { type: 'url', url: 'https://x/y.png' } }] },
          ],
        },
        { role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } }] },
      ],
    };
    expect(messages.readNamedInput(body).sort()).toEqual(['file_1', 'https://x/y.png']);
  });

  it('reads a previous response, a conversation, a stored prompt and input files, not data: URLs', () => {
    const body = {
      previous_response_id: 'resp_1',
      conversation: { id: 'conv_1' },
      prompt: { id: 'pmpt_1' },
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_file', file_id: 'file-2' },
            { type: 'input_image', image_url: 'data:image/png;base64,AA' },
          ],
        },
        { type: 'function_call', call_id: 'c', name: 'f', arguments: '{"file_id":"file-no"}' },
      ],
    };
    expect(responses.readNamedInput(body).sort()).toEqual(['conv_1', 'file-2', 'pmpt_1', 'resp_1']);
    expect(responses.readNamedInput({ input: 'hi' })).toEqual([]);
  });

  it("reads Gemini's cached content and uploaded files, in Code Assist's wrapped request too", () => {
    const body = {
      cachedContent: 'cachedContents/abc',
      contents: [
        { role: 'user', parts: [{ fileData: { mimeType: 'application/pdf', fileUri: 'https://g/v1beta/files/f1' } }, { text: 'hi' }] },
      ],
    };
    expect(gemini.readNamedInput(body).sort()).toEqual(['cachedContents/abc', 'https://g/v1beta/files/f1']);
    expect(assist.readNamedInput({ model: 'm', request: body })).toHaveLength(2);
  });
});
