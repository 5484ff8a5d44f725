// One definition of a glob for the price table and the proxy's routes.
import { describe, expect, it } from 'vitest';
import { isGlob, measureLiteralPrefix } from './glob-pattern.js';

describe('isGlob', () => {
  it.each(['claude-*', 'gpt-4o?', 'claude-sonnet-4[1m]', 'glm-{4.5,4.6}', 'openrouter/*'])('%s is a glob', (pattern) => {
    expect(isGlob(pattern)).toBe(true);
  });

  it.each(['glm-4.6', 'claude-3-5-sonnet@20240620', 'a]b', 'a}b', 'foo!', '!foo', 'us.anthropic.x-v1:0'])('%s is exact text', (pattern) => {
    expect(isGlob(pattern)).toBe(false);
  });
});

describe('measureLiteralPrefix', () => {
  it('counts the characters before the first glob syntax, or all of them', () => {
    expect(measureLiteralPrefix('glm-4.5*')).toBe(7);
    expect(measureLiteralPrefix('claude-sonnet-4@*')).toBe(16);
    expect(measureLiteralPrefix('*')).toBe(0);
    expect(measureLiteralPrefix('glm-4.6')).toBe(7);
  });
});
