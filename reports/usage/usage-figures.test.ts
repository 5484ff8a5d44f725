// The usage tables' total line: every kind of token summed, the dollars n/a when any row's are.
import { describe, expect, it } from 'vitest';
import { sumUsageTotal } from './usage-figures.js';

const row = (total: number, usd: number | null) => ({ input: total - 3, output: 1, cache_read: 1, cache_creation: 1, total, usd });

describe('sumUsageTotal', () => {
  it('adds every kind of token and the dollars, and says n/a (null) when a row has no price', () => {
    expect(sumUsageTotal([row(10, 0.5), row(20, 1.25)])).toEqual({
      input: 24,
      output: 2,
      cache_read: 2,
      cache_creation: 2,
      total: 30,
      usd: 1.75,
    });
    expect(sumUsageTotal([row(10, 0.5), row(20, null)])).toMatchObject({ total: 30, usd: null });
    expect(sumUsageTotal([])).toEqual({ input: 0, output: 0, cache_read: 0, cache_creation: 0, total: 0, usd: 0 });
  });
});
