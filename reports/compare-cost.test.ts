import { BUILT_IN_CATALOG } from '../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { createPriceTable } from '../budget/prices/index.js';
import { compareCost, type CostSample } from './compare-cost.js';
import { renderCostComparison } from './render-compare-cost.js';

const prices = createPriceTable(BUILT_IN_CATALOG, {
  name: 'test',
  value: {
    models: {
      cheap: { input: 1, output: 2, cache_read: 0.1, cache_creation: 0 },
      dear: { input: 10, output: 20, cache_read: 1, cache_creation: 12.5 },
    },
  },
});
const request = (
  feature: string | null,
  backend: string,
  model: string | null,
  input: number | null,
  output: number | null,
  extra: Partial<CostSample> = {},
): CostSample => ({
  subagent_id: 'haiku',
  feature_id: feature,
  backend_provider: backend,
  model,
  prompt_tokens: input,
  completion_tokens: output,
  ...extra,
});

describe('compareCost', () => {
  it('compares matched features, skips unmatched ones, and totals the reduction', () => {
    const comparison = compareCost(
      [
        request('F1', 'glm', 'cheap', 1_000_000, 0),
        request('F1', 'glm', 'cheap', 0, 500_000),
        request('F1', 'anthropic', 'dear', 1_000_000, 500_000),
        request('F2', 'glm', 'cheap', 100_000, 0, { cache_read_tokens: 1_000_000 }),
        request('F2', 'openai', 'dear', 100_000, 0),
        request('F3', 'glm', 'cheap', 5, 5),
        request('F1', 'glm', 'cheap', 9, 9, { subagent_id: null }),
        request(null, 'glm', 'cheap', 9, 9),
      ],
      prices,
    );
    expect(comparison.features.map((feature) => feature.feature_id)).toEqual(['F1', 'F2']);
    const f1 = comparison.features[0];
    expect(f1?.glm).toMatchObject({ requests: 2, cost_usd: 2, tokens: { total: 1_500_000 } });
    expect(f1?.baseline).toMatchObject({ requests: 1, cost_usd: 20, backends: ['anthropic'] });
    expect(f1).toMatchObject({ token_delta: 0, cost_delta_usd: -18, token_reduction: 1, cost_reduction: 10 });
    expect(comparison.features[1]).toMatchObject({ token_delta: 1_000_000 });
    expect(comparison.features[1]?.cost_reduction).toBeCloseTo(1 / 0.2, 10);
    expect(comparison.unmatched).toEqual([{ feature_id: 'F3', only: 'glm', requests: 1 }]);
    expect(comparison.total).toMatchObject({ features: 2, target: 2, meets_target: true });
    expect(comparison.total.cost_reduction).toBeCloseTo(21 / 2.2, 10);
    expect(comparison).toMatchObject({ subagent_requests: 7, without_feature: 1, notes: [] });
  });

  it('leaves a cost unknown when a model has no price, and says so', () => {
    const comparison = compareCost(
      [request('F1', 'glm', 'mystery', 10, 10), request('F1', 'glm', 'cheap', 10, 10), request('F1', 'anthropic', 'dear', 10, 10)],
      prices,
    );
    expect(comparison.features[0]?.glm).toMatchObject({ cost_usd: null, unpriced_requests: 1 });
    expect(comparison.features[0]).toMatchObject({ cost_delta_usd: null, cost_reduction: null });
    expect(comparison.total.meets_target).toBeNull();
    expect(comparison.notes).toEqual(['no price for model "mystery" (add it with --prices FILE) (1 request)']);
  });

  it('does not price failed requests that counted nothing', () => {
    const comparison = compareCost(
      [
        request('F1', 'glm', null, null, null, {}),
        request('F1', 'glm', 'cheap', 1_000_000, 0),
        request('F1', 'anthropic', 'dear', 1_000_000, 0),
      ],
      prices,
    );
    expect(comparison.features[0]?.glm).toMatchObject({ requests: 2, requests_without_usage: 1, cost_usd: 1 });
    expect(comparison.total.meets_target).toBe(true);
  });

  it('renders a table with a total line and the verdict', () => {
    const text = renderCostComparison(
      compareCost(
        [
          request('F1', 'glm', 'cheap', 1_000_000, 0),
          request('F1', 'anthropic', 'dear', 1_000_000, 0),
          request('F9', 'anthropic', 'dear', 1, 1),
        ],
        prices,
      ),
    );
    expect(text).toContain('  F1         1        1,000,000   $1.0000   1         1,000,000    $10.0000   0            -$9.0000    10.00x');
    expect(text).toContain('Cost reduction: 10.00x (target >= 2x: met); token reduction: 1.00x');
    expect(text).toContain('Skipped 1 unmatched feature: F9 (baseline only)');
    expect(renderCostComparison(compareCost([], prices))).toContain('No sub-agent requests');
  });

  it('prices the cached part of an OpenAI row once, at the cache rate', () => {
    const openai = request('F1', 'openai', 'dear', 1_000_000, 0, { cache_read_tokens: 800_000, path: '/v1/responses' });
    const comparison = compareCost([request('F1', 'glm', 'cheap', 1_000_000, 0), openai], prices);
    // 200k uncached at $10 + 800k cached at $1 = $2.80
    expect(comparison.features[0]?.baseline).toMatchObject({
      cost_usd: 2.8,
      tokens: { input: 200_000, cache_read: 800_000, total: 1_000_000 },
    });
  });
});
