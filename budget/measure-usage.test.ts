// Tests what one delta counts for in each metric.
import { describe, expect, it } from 'vitest';
import { maxUsage, measureTokens, subtractUsage } from './measure-usage.js';

describe('measureTokens', () => {
  const delta = { input: 100, output: 20, cache_read: 1000, cache_creation: 300 };

  it('counts each metric by its documented rule', () => {
    expect(measureTokens('total', delta)).toBe(1420);
    expect(measureTokens('input', delta)).toBe(1400);
    expect(measureTokens('output', delta)).toBe(20);
    expect(measureTokens('input+output', delta)).toBe(120);
    expect(measureTokens('cost', delta)).toBe(0);
  });

  it('takes running totals field by field', () => {
    expect(
      maxUsage({ input: 5, output: 1, cache_read: 0, cache_creation: 9 }, { input: 3, output: 4, cache_read: 2, cache_creation: 9 }),
    ).toEqual({ input: 5, output: 4, cache_read: 2, cache_creation: 9 });
    expect(
      subtractUsage({ input: 5, output: 1, cache_read: 0, cache_creation: 9 }, { input: 3, output: 4, cache_read: 0, cache_creation: 2 }),
    ).toEqual({ input: 2, output: 0, cache_read: 0, cache_creation: 7 });
  });
});
