import { describe, expect, it } from 'vitest';
import { checkDivergence } from './check-divergence.js';

const capacity = (percent: number, tokens: number) => ({
  unit: 'pct_5h' as const,
  before: 10,
  after: 10 + percent,
  delta: percent,
  tokens: { before: 0, after: tokens, delta: tokens },
});

describe('checkDivergence', () => {
  it('flags a window more than 10% away from the usual tokens per percent', () => {
    const result = checkDivergence(capacity(4, 5400), [1000, 1100, 900]);
    expect(result).toMatchObject({ tokensPerPercent: 1000, expectedTokens: 4000, countedTokens: 5400, divergent: true });
    expect(result?.gap).toBeCloseTo(0.35, 10);
  });

  it('lets a window within 10% pass', () => {
    expect(checkDivergence(capacity(4, 4350), [1000, 1000])?.divergent).toBe(false);
  });

  it('says nothing without both sides or without history', () => {
    expect(checkDivergence(capacity(4, 9999), [1000])).toBeNull();
    expect(checkDivergence({ unit: 'pct_5h', before: 1, after: 5, delta: 4 }, [1000, 1000])).toBeNull();
    expect(checkDivergence(null, [1000, 1000])).toBeNull();
  });
});
