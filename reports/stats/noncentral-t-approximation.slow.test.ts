// The normal approximation used past a noncentrality of 1000: its stated error bounds hold where the series can check them.
import { describe, expect, it } from 'vitest';
import { approximateNoncentralTCdf, approximationErrorBound, computeNoncentralTCdf, SERIES_MAX_NCP } from './noncentral-t.js';
import { computePower } from './power.js';

describe('noncentral t past the series', () => {
  it.each([1, 2, 5, 30, 1000])('at df %d the approximation stays within its bound against the series (ncp 200 and 800)', (df) => {
    const bound = approximationErrorBound(df, SERIES_MAX_NCP + 1);
    for (const ncp of [200, 800]) {
      for (let k = 0; k <= 80; k += 1) {
        const t = ncp * (0.2 + k * 0.05);
        expect(Math.abs(approximateNoncentralTCdf(t, df, ncp) - computeNoncentralTCdf(t, df, ncp))).toBeLessThanOrEqual(bound);
      }
    }
  });

  it('bounds the far-below region by the tails themselves', () => {
    expect(approximationErrorBound(8, 3162, 2.306)).toBeLessThan(1e-300);
    expect(approximationErrorBound(8, 3162, 2000)).toBe(0.022);
    expect(approximationErrorBound(8, 999, 2.306)).toBe(0);
  });

  it('gives a power for any finite effect, with its bound', () => {
    for (const effect of [1e4, 1e8, 1e300]) {
      const result = computePower({ design: 'crossover', effect, n: 10 });
      expect(result.power).toBe(1);
      expect(result.error_bound).toBeLessThan(1e-12);
    }
  });
});
