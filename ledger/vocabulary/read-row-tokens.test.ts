// Tests that each API's usage convention ends up as one: input without cache, nothing counted twice.
import { describe, expect, it } from 'vitest';
import { readRowTokens } from './read-row-tokens.js';

describe('readRowTokens', () => {
  it('adds cache reads and writes to Anthropic input, which excludes them', () => {
    expect(
      readRowTokens({
        prompt_tokens: 250,
        completion_tokens: 8,
        cache_read_tokens: 1800,
        cache_creation_tokens: 120,
        path: '/v1/messages',
      }),
    ).toEqual({ input: 250, output: 8, cache_read: 1800, cache_creation: 120, total: 2178 });
  });

  it("takes the cache out of Gemini's promptTokenCount, which includes it", () => {
    const gemini = { prompt_tokens: 9120, completion_tokens: 222, cache_read_tokens: 8000, cache_creation_tokens: null };
    const total = { input: 1120, output: 222, cache_read: 8000, cache_creation: 0, total: 9342 };
    expect(readRowTokens({ ...gemini, path: '/v1beta/models/gemini-2.5-pro:streamGenerateContent' })).toEqual(total);
    expect(readRowTokens({ ...gemini, path: '/v1beta/models/gemini-2.5-pro:generateContent' })).toEqual(total);
  });

  it('takes cache reads and writes out of Responses input, which includes them (as Codex totals it)', () => {
    // Codex 0.169 turn.completed for this answer: input_tokens 3000 (1800 cached, 1200 written), output 60.
    expect(
      readRowTokens({
        prompt_tokens: 3000,
        completion_tokens: 60,
        cache_read_tokens: 1800,
        cache_creation_tokens: 1200,
        path: '/v1/responses',
      }),
    ).toEqual({ input: 0, output: 60, cache_read: 1800, cache_creation: 1200, total: 3060 });
  });

  it('reads null counts as zero', () => {
    expect(readRowTokens({ prompt_tokens: null, completion_tokens: null })).toEqual({
      input: 0,
      output: 0,
      cache_read: 0,
      cache_creation: 0,
      total: 0,
    });
  });
});
