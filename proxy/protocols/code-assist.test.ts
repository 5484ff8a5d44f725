// Code Assist through the proxy: Gemini's answers inside `response`, tapped, cut and transcribed as Gemini's are.
import { describe, expect, it } from 'vitest';
import { createEmptyUsage } from '../tap/tap-values.js';
import { findErrorProtocol, findProxyProtocol, findTappingProtocol, isPassedPath } from './find-proxy-protocol.js';

// Gemini CLI 0.61.0 signed in with Google, against a stand-in on loopback (2026-11-27): its chunks and methods.
const chunk = (text: string, usage: Record<string, number>, finishReason?: string) => ({
  response: {
    candidates: [{ content: { role: 'model', parts: [{ text }] }, ...(finishReason ? { finishReason } : {}), index: 0 }],
    usageMetadata: usage,
    modelVersion: 'gemini-2.5-pro',
  },
  traceId: 't1',
});

describe('the Code Assist protocol', () => {
  it("taps generateContent and streamGenerateContent, passes Code Assist's other methods, answers errors in Google's envelope", () => {
    const tapped = ['/v1internal:streamGenerateContent?alt=sse', '/v1internal:generateContent'];
    expect(tapped.map((path) => findTappingProtocol(path)?.id)).toEqual(['code-assist', 'code-assist']);
    const passed = [
      '/v1internal:loadCodeAssist',
      '/v1internal:retrieveUserQuota',
      '/v1internal:listExperiments',
      '/v1internal:countTokens',
    ];
    expect(passed.map((path) => [findTappingProtocol(path), isPassedPath(path)])).toEqual(passed.map(() => [null, true]));
    // Methods that change the account are never forwarded with the login the proxy adds.
    const refused = ['/v1internal:onboardUser', '/v1internal:setCodeAssistGlobalUserSetting', '/v1internal/operations/x'];
    expect(refused.map((path) => findTappingProtocol(path) === null && !isPassedPath(path))).toEqual([true, true, true]);
    expect(findErrorProtocol('/v1internal:onboardUser').id).toBe('code-assist');
    expect(JSON.parse(findErrorProtocol('/v1internal:loadCodeAssist').formatErrorBody('authentication_error', 'no'))).toEqual({
      error: { code: 401, message: 'no', status: 'UNAUTHENTICATED' },
    });
    // The model is the body's, never the path's.
    expect(findProxyProtocol('code-assist').readPathModel('/v1internal:streamGenerateContent')).toBeNull();
  });

  it('counts a wrapped stream as Gemini counts the same chunks unwrapped', async () => {
    const wrapped = [
      chunk('Hel', { promptTokenCount: 2500, totalTokenCount: 2500 }),
      chunk('lo', { promptTokenCount: 2500, candidatesTokenCount: 12, cachedContentTokenCount: 700 }, 'STOP'),
    ];
    const read = async (protocol: 'code-assist' | 'gemini-generate-content', chunks: unknown[]) => {
      const tap = findProxyProtocol(protocol).createStreamTap({});
      tap.push(Buffer.from(chunks.map((item) => `data: ${JSON.stringify(item)}\r\n\r\n`).join('')));
      return tap.finish();
    };
    const assisted = await read('code-assist', wrapped);
    const plain = await read(
      'gemini-generate-content',
      wrapped.map((item) => item.response),
    );
    expect(assisted.usage).toEqual(plain.usage);
    expect(assisted).toMatchObject({ complete: true, model: 'gemini-2.5-pro', malformed: 0 });
    expect(assisted.usage).toMatchObject({ input_tokens: 2500, output_tokens: 12, cache_read_tokens: 700 });
  });

  it('reads a whole answer, its output cap inside `request`, and ends a cut stream inside `response`', () => {
    const assist = findProxyProtocol('code-assist');
    const usage = createEmptyUsage();
    expect(assist.readAnswer(chunk('Hi', { promptTokenCount: 10, candidatesTokenCount: 2 }, 'STOP'), usage)).toEqual({
      model: 'gemini-2.5-pro',
      error: null,
    });
    expect(usage).toMatchObject({ input_tokens: 10, output_tokens: 2 });
    expect(assist.readOutputBound({ model: 'm', request: { generationConfig: { maxOutputTokens: 64 } } })).toBe(64);
    const end = JSON.parse(
      assist.formatBudgetEnd({ openBlock: null, outputTokens: 5, messageId: null, message: 'cut' }).replace(/^data: /, ''),
    );
    expect(end.response.candidates[0].finishReason).toBe('MAX_TOKENS');
  });
});
