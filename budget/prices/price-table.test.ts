import { BUILT_IN_CATALOG, type ProviderCatalog, type UserProvider } from '../../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/index.js';
import { computeUsageCost } from './cost-of-usage.js';
import { createPriceTable, findModelPrice, normalizeModelName, parsePriceOverride } from './price-table.js';

describe('findModelPrice', () => {
  const defaults = createPriceTable(BUILT_IN_CATALOG);

  it('finds current models by their exact names, dated or prefixed forms', () => {
    expect(findModelPrice(defaults, 'claude-haiku-4-5-20251001', null)?.key).toBe('claude-haiku-4-5');
    expect(findModelPrice(defaults, 'claude-sonnet-4-5[1m]', null)?.key).toBe('claude-sonnet-4-5');
    expect(findModelPrice(defaults, 'anthropic/claude-opus-4-1', null)?.key).toBe('claude-opus-4-1');
    expect(findModelPrice(defaults, 'us.anthropic.claude-3-5-haiku-20241022-v1:0', null)?.key).toBe('claude-3-5-haiku');
    expect(findModelPrice(defaults, 'GLM-4.5-Air', null)?.key).toBe('glm-4.5-air');
    expect(findModelPrice(defaults, 'glm-4.6', null)?.price).toMatchObject({
      input: 0.6,
      output: 2.2,
      cache_read: 0.11,
      cache_creation: 0,
    });
    expect(findModelPrice(defaults, 'gpt-5-mini-2025-08-07', null)?.key).toBe('gpt-5-mini');
  });

  it('never borrows a neighbour price for a model it does not list', () => {
    expect(findModelPrice(defaults, 'claude-sonnet-5-7', null)).toBeNull();
    expect(findModelPrice(defaults, 'glm-5.1', null)).toBeNull();
    expect(findModelPrice(defaults, 'gpt-5.6-luna', null)).toBeNull();
  });

  it('consults the override first: exact, then the most specific glob', () => {
    const table = createPriceTable(BUILT_IN_CATALOG, {
      name: 'prices.json',
      value: { models: { 'glm-*': { input: 1, output: 1 }, 'glm-4.5*': { input: 2, output: 2 }, 'my-model': { input: 3, output: 3 } } },
    });
    expect(findModelPrice(table, 'glm-4.5-air', null)).toMatchObject({ key: 'glm-4.5*', layer: 'prices.json' });
    expect(findModelPrice(table, 'glm-4.6', null)).toMatchObject({ key: 'glm-*', layer: 'prices.json' });
    expect(findModelPrice(table, 'MY-MODEL', null)).toMatchObject({ key: 'my-model' });
    expect(findModelPrice(table, 'claude-haiku-4-5', null)).toMatchObject({ layer: 'defaults' });
  });

  it("prices a model by its seller: a reseller's own rates for its rows, the default for everyone else's", () => {
    const declare = (id: string, prices: Record<string, unknown>): UserProvider => ({
      id,
      protocol: 'anthropic-messages',
      profiles: [],
      backends: {},
      declaredIn: 'providers.json',
      prices,
    });
    const catalog: ProviderCatalog = {
      declared: [
        declare('synthetic', { 'hf:zai-org/GLM-4.6': { input: 0.55, output: 2.19 }, 'syn-own-1': { input: 1, output: 3 } }),
        declare('deepinfra', { 'glm-4.6': { input: 0.45, output: 1.9 } }),
      ],
      listed: [],
    };
    const table = createPriceTable(catalog);
    const tokens = { input: 1_000_000, output: 1_000_000, cache_read: 0, cache_creation: 0 };
    // The same model's tokens: the default price (0.6 + 2.2) for Z.ai's own rows, each reseller's for its own.
    expect(computeUsageCost(table, 'glm', 'glm-4.6', tokens).usd).toBeCloseTo(2.8, 10);
    expect(computeUsageCost(table, 'synthetic', 'hf:zai-org/GLM-4.6', tokens).usd).toBeCloseTo(2.74, 10);
    expect(computeUsageCost(table, 'synthetic@acct-0123456789', 'hf:zai-org/GLM-4.6', tokens).usd).toBeCloseTo(2.74, 10);
    expect(computeUsageCost(table, 'deepinfra', 'glm-4.6', tokens).usd).toBeCloseTo(2.35, 10);
    expect(computeUsageCost(table, 'glm', 'hf:zai-org/GLM-4.6', tokens).usd).toBeCloseTo(2.8, 10);
    expect(findModelPrice(table, 'glm-4.6', null)).toMatchObject({ layer: 'defaults' });
    // A model only a declaration prices stays priced for any use of it, as before.
    expect(findModelPrice(table, 'syn-own-1', 'glm')).toMatchObject({ layer: 'providers.json', price: { input: 1, output: 3 } });
  });

  it('normalizes names', () => {
    expect(normalizeModelName(' Claude-3-7-Sonnet-Latest ')).toBe('claude-3-7-sonnet');
    expect(normalizeModelName('claude-haiku-4-5@20251001')).toBe('claude-haiku-4-5');
  });
});

describe('parsePriceOverride', () => {
  it('reads a valid file and refuses a misspelt rate, naming it', () => {
    expect(parsePriceOverride('{"models": {"glm-4.6": {"input": 0.5, "output": 2}}}', 'p.json').models['glm-4.6']).toEqual({
      input: 0.5,
      output: 2,
    });
    const bad = () => parsePriceOverride('{"models": {"glm-4.6": {"input": 0.5, "output": 2, "cache_write": 1}}}', 'p.json');
    expect(bad).toThrow(AppError);
    expect(bad).toThrow(/^models\.glm-4\.6: Unrecognized key: "cache_write"/);
    expect(() => parsePriceOverride('{"models": {"x": {"input": -1, "output": 2}}}', 'p.json')).toThrow(/models\.x\.input/);
    expect(() => parsePriceOverride('nope', 'p.json')).toThrow(/not JSON/);
  });

  it('refuses a rate no model has, which overflowed costs to $Infinity (usd null with no reason in --json)', () => {
    expect(() => parsePriceOverride('{"models": {"x": {"input": 1e308, "output": 2}}}', 'p.json')).toThrow(/models\.x\.input: .*10000/);
    expect(() =>
      parsePriceOverride(
        '{"models": {"x": {"input": 1, "output": 2, "long_prompt": {"threshold_tokens": 1, "input": 1e20, "output": 1}}}}',
        'p.json',
      ),
    ).toThrow(/long_prompt\.input/);
  });
});
