// A request without an output cap reserves its model's maximum: the documented one, an override file's, else 128,000.
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_OUTPUT, findMaxOutput } from './max-output.js';
import { createPriceTable, parsePriceOverride } from './price-table.js';

describe('findMaxOutput', () => {
  const defaults = createPriceTable(BUILT_IN_CATALOG);

  it.each([
    ['gpt-5-codex', 128_000],
    ['gpt-5.4-mini', 128_000],
    ['gpt-5-pro', 272_000],
    ['openai/gpt-5-pro-2025-10-06', 272_000],
    ['claude-opus-4-1-20250805', 32_000],
    ['claude-sonnet-4-5-20250929', 64_000],
    ['claude-haiku-4-5', 64_000],
    ['claude-opus-4-7', 128_000],
    ['claude-opus-5-5', 128_000],
    ['scripted-steady', DEFAULT_MAX_OUTPUT],
    ['glm-4.6', DEFAULT_MAX_OUTPUT],
  ])('%s: %i', (model, max) => {
    expect(findMaxOutput(defaults, model)).toBe(max);
  });

  it("takes an override file's max_output first, and a priced model without one keeps the list's", () => {
    const override = parsePriceOverride(
      JSON.stringify({ models: { 'my-*': { input: 1, output: 2, max_output: 8192 }, 'gpt-5-pro': { input: 1, output: 2 } } }),
      'prices.json',
    );
    const table = createPriceTable(BUILT_IN_CATALOG, { name: 'prices.json', value: override });
    expect(findMaxOutput(table, 'my-local-model')).toBe(8192);
    expect(findMaxOutput(table, 'gpt-5-pro')).toBe(272_000);
    expect(findMaxOutput(table, null)).toBe(DEFAULT_MAX_OUTPUT);
  });

  it('refuses a max_output that is not a positive whole number, naming it', () => {
    expect(() => parsePriceOverride(JSON.stringify({ models: { x: { input: 1, output: 1, max_output: -5 } } }), 'prices.json')).toThrow(
      /models\.x\.max_output/,
    );
  });
});
