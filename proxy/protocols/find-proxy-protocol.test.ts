// Each protocol by its paths: what is tapped, what passes, whose error envelope applies, and where a model is named.
import { describe, expect, it } from 'vitest';
import { createEmptyUsage } from '../tap/tap-values.js';
import { findErrorProtocol, findProxyProtocol, findTappingProtocol, isPassedPath } from './find-proxy-protocol.js';

const GEMINI_STREAM = '/v1beta/models/gemini-3.1-pro-preview:streamGenerateContent';

describe('the proxy protocols', () => {
  it('tap each API on its own paths, Gemini CLI 0.61.0 paths included', () => {
    const tapped = ['/v1/messages', '/v1/responses', '/backend-api/codex/responses', GEMINI_STREAM, '/v1beta/models/m:generateContent'];
    expect(tapped.map((path) => findTappingProtocol(path)?.id)).toEqual([
      'anthropic-messages',
      'openai-responses',
      'openai-responses',
      'gemini-generate-content',
      'gemini-generate-content',
    ]);
    expect(findTappingProtocol('/v1beta/models/m:countTokens')).toBeNull();
    expect(['/v1beta/models/m:countTokens', '/v1/messages/count_tokens', '/backend-api/wham/usage'].map(isPassedPath)).toEqual([
      true,
      true,
      false,
    ]);
  });
  it("read Gemini's model from its path, and no other protocol's", () => {
    expect(findProxyProtocol('gemini-generate-content').readPathModel(GEMINI_STREAM)).toBe('gemini-3.1-pro-preview');
    expect(findProxyProtocol('anthropic-messages').readPathModel('/v1/messages')).toBeNull();
  });
  it("answer errors in Google's envelope on Gemini's paths, Anthropic's where none claims the path", () => {
    expect(JSON.parse(findErrorProtocol('/v1beta/models').formatErrorBody('rate_limit_error', 'slow down'))).toEqual({
      error: { code: 429, message: 'slow down', status: 'RESOURCE_EXHAUSTED' },
    });
    expect(findErrorProtocol('/nowhere').id).toBe('anthropic-messages');
    // Gemini's stable path lies under OpenAI's /v1/models, but the protocol that taps it answers its errors.
    expect(findErrorProtocol('/v1/models/gemini-2.5-pro:generateContent').id).toBe('gemini-generate-content');
    expect(findErrorProtocol('/v1/models').id).toBe('openai-responses');
  });
  it("read Gemini's output cap from generationConfig, and end a cut stream at MAX_TOKENS with the output so far", () => {
    const gemini = findProxyProtocol('gemini-generate-content');
    expect(gemini.readOutputBound({ generationConfig: { maxOutputTokens: 512 } })).toBe(512);
    const end = gemini.formatBudgetEnd({ openBlock: null, outputTokens: 77, messageId: null, message: 'cut' });
    const chunk = JSON.parse(end.replace(/^data: /, ''));
    expect(chunk.candidates[0].finishReason).toBe('MAX_TOKENS');
    expect(chunk.usageMetadata).toEqual({ candidatesTokenCount: 77 });
  });
  it('read a whole Gemini answer: usage, model version and an error', () => {
    const usage = createEmptyUsage();
    const body = {
      candidates: [{ finishReason: 'STOP' }],
      usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 2 },
      modelVersion: 'g',
    };
    expect(findProxyProtocol('gemini-generate-content').readAnswer(body, usage)).toEqual({ model: 'g', error: null });
    expect(usage).toEqual({ input_tokens: 10, output_tokens: 2, cache_read_tokens: null, cache_creation_tokens: null });
    const failed = findProxyProtocol('gemini-generate-content').readAnswer(
      { error: { code: 400, message: 'bad', status: 'INVALID_ARGUMENT' } },
      usage,
    );
    expect(failed.error).toEqual({ type: 'INVALID_ARGUMENT', message: 'bad' });
  });
});
