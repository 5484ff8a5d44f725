import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { computeUsageCost } from './cost-of-usage.js';
import { createPriceTable } from './price-table.js';

describe('computeUsageCost', () => {
  const table = createPriceTable(BUILT_IN_CATALOG);
  const tokens = { input: 1_000_000, output: 100_000, cache_read: 2_000_000, cache_creation: 10_000 };

  it('prices every kind of token', () => {
    // haiku 4.5: 1 + 0.1*5 + 2*0.1 + 0.01*1.25
    expect(computeUsageCost(table, null, 'claude-haiku-4-5', tokens).usd).toBeCloseTo(1 + 0.5 + 0.2 + 0.0125, 10);
    // glm-4.5-air: 0.2 + 0.1*1.1 + 2*0.03 + 0
    expect(computeUsageCost(table, null, 'glm-4.5-air', tokens)).toMatchObject({ price_key: 'glm-4.5-air', note: null });
    expect(computeUsageCost(table, null, 'glm-4.5-air', tokens).usd).toBeCloseTo(0.2 + 0.11 + 0.06, 10);
  });

  it('uses the long-prompt rates above the threshold, on every token of that request', () => {
    const small = { input: 50_000, output: 1_000, cache_read: 0, cache_creation: 0 };
    const large = { input: 150_000, output: 1_000, cache_read: 0, cache_creation: 0 };
    expect(computeUsageCost(table, null, 'claude-haiku-5-5', small).usd).toBeCloseTo((50_000 * 0.1 + 1_000 * 0.5) / 1e6, 12);
    expect(computeUsageCost(table, null, 'claude-haiku-5-5', large).usd).toBeCloseTo((150_000 * 0.5 + 1_000 * 2.5) / 1e6, 12);
  });

  it('says why instead of guessing', () => {
    expect(computeUsageCost(table, null, null, tokens)).toEqual({ usd: null, price_key: null, note: 'the request names no model' });
    expect(computeUsageCost(table, null, 'mystery-1', tokens).note).toBe('no price for model "mystery-1" (add it with --prices FILE)');
    const partial = createPriceTable(BUILT_IN_CATALOG, { name: 'p', value: { models: { 'x-1': { input: 1, output: 1 } } } });
    expect(computeUsageCost(partial, null, 'x-1', tokens)).toEqual({
      usd: null,
      price_key: 'x-1',
      note: 'no cache_read price for x-1, and the request has cache_read tokens',
    });
    expect(computeUsageCost(partial, null, 'x-1', { ...tokens, cache_read: 0, cache_creation: 0 }).usd).toBeCloseTo(1.1, 10);
  });
});
