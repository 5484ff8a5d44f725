// The experiment's correct work per token: the ratio of sums over scored arms, its delta-method interval, what is left out.
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { createPriceTable } from '../../budget/prices/index.js';
import { measureWorkPerToken } from './measure-work-per-token.js';

const PRICES = createPriceTable(BUILT_IN_CATALOG);

const arm = (provider: string, quality: number, tokens: number) => ({
  provider,
  window_id: `w-${provider}-${quality}-${tokens}`,
  quality,
  plan_id: 'plan-1' as string | undefined,
  capacity: { unit: 'pct_5h', before: 0, after: 1, delta: 1, tokens: { before: 0, after: tokens, delta: tokens } },
});

describe('measureWorkPerToken', () => {
  it('divides the arms quality by their tokens (failures included), with a 95% interval over arms', () => {
    // Qualities 1, 0, 1, 1 on a million tokens each: 0.75 a million; residuals .25, -.75, .25, .25, variance .25,
    // SE sqrt(.25 / 4) / 1 = .25: 0.75 +- 1.96 x .25.
    const windows = [
      arm('claude-pro-run', 1, 1e6),
      arm('claude-pro-run', 0, 1e6),
      arm('claude-pro-run', 1, 1e6),
      arm('claude-pro-run', 1, 1e6),
    ];
    const work = measureWorkPerToken(windows as never, [], PRICES, () => 'claude').get('claude');
    expect(work?.estimate).toBeCloseTo(0.75, 10);
    expect(work?.low).toBeCloseTo(0.75 - 1.959963984540054 * 0.25, 10);
    expect(work?.high).toBeCloseTo(0.75 + 1.959963984540054 * 0.25, 10);
    expect([work?.arms, work?.tokens]).toEqual([4, 4e6]);
  });

  it('counts only experiment arms with counted tokens, and needs 3 of them', () => {
    const windows = [arm('codex', 1, 1e6), arm('codex', 1, 1e6), arm('codex', 1, 0), { ...arm('codex', 1, 1e6), plan_id: undefined }];
    expect(measureWorkPerToken(windows as never, [], PRICES, (provider) => provider).size).toBe(0);
  });
});
