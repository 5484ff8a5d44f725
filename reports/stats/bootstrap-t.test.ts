// The studentized bootstrap of a mean: the exact bootstrap-t interval (every resample enumerated in Python), scale, n/a.
import { describe, expect, it } from 'vitest';
import { computeBootstrapTInterval } from './bootstrap-t.js';

/** Five right-skewed values: few enough that Python (mpmath) can enumerate all 126 resamples with their multinomial weights. */
const SKEW5 = [0.42, 0.77, 1.1, 2.9, 7.3];

describe('computeBootstrapTInterval', () => {
  it('converges to the exact bootstrap-t interval of the enumerated resample distribution', () => {
    // Exact: t* quantiles -16.1048355202 (2.5%, an atom covering 2.02%-2.66%) and 1.89515665583 (97.5%, 97.38%-98.02%),
    // mean 2.498, se 1.2743484609791781: interval [0.0829100323349, 23.0211723594]. The t interval is [-1.04, 6.04].
    const result = computeBootstrapTInterval(SKEW5, { seed: 'exact', resamples: 200_000 });
    expect(result.low).toBeCloseTo(0.0829100323349, 9);
    expect(result.high).toBeCloseTo(23.0211723594, 9);
    // 5 of the 3,125 ordered draws repeat one task: 0.16% of resamples have SD 0 and an infinite t*.
    expect(result.unbounded / 200_000).toBeCloseTo(0.0016, 3);
    expect(result.na).toBeNull();
  });

  it.each([1e300, 1e-300])('gives the same interval, times the scale, at %d x the data', (factor) => {
    const plain = computeBootstrapTInterval(SKEW5, { seed: 's', resamples: 4_000 });
    const scaled = computeBootstrapTInterval(
      SKEW5.map((value) => value * factor),
      { seed: 's', resamples: 4_000 },
    );
    expect(Math.abs((scaled.low as number) / factor / (plain.low as number) - 1)).toBeLessThan(1e-12);
    expect(Math.abs((scaled.high as number) / factor / (plain.high as number) - 1)).toBeLessThan(1e-12);
  });

  it('replays with the same seed', () => {
    expect(computeBootstrapTInterval(SKEW5, { seed: 7, resamples: 1_000 })).toEqual(
      computeBootstrapTInterval(SKEW5, { seed: 7, resamples: 1_000 }),
    );
  });

  it('says n/a with the reason below 5 values, for NaN, without variation and when t* is unbounded', () => {
    expect(computeBootstrapTInterval([1, 2, 3, 4], { seed: 1 })).toMatchObject({ low: null, na: 'fewer than 5 values' });
    expect(computeBootstrapTInterval([1, 2, Number.NaN, 4, 5], { seed: 1 })).toMatchObject({ low: null, na: 'value 3 of 5 is NaN' });
    expect(computeBootstrapTInterval([4, 4, 4, 4, 4], { seed: 1 })).toMatchObject({
      low: null,
      na: 'no variation: all 5 values are equal (SD 0)',
    });
    // At 99.9% the 0.05% tails fall inside the 0.16% of resamples with an infinite t*.
    expect(computeBootstrapTInterval(SKEW5, { seed: 1, confidence: 0.999 }).na).toMatch(
      /^unbounded: \d+ of 10000 resamples drew a single value/,
    );
  });

  it('moves a bound below lowerLimit onto it and says so; without the option the bound stays', () => {
    // Two failures beside a tight cluster: resamples without a 0 have a tiny SE and a huge t*, which throws the lower bound far below 0.
    const values = [0, 12.2, 12.4, 12.1, 12.5, 0, 12.3, 12.6, 12.2, 12.3];
    const raw = computeBootstrapTInterval(values, { seed: 'zeros', resamples: 2_000 });
    const cut = computeBootstrapTInterval(values, { seed: 'zeros', resamples: 2_000, lowerLimit: 0 });
    expect(raw.low).toBeLessThan(-10);
    expect(raw.clamped).toBe(false);
    expect(cut).toMatchObject({ low: 0, high: raw.high, clamped: true });
    expect(computeBootstrapTInterval(SKEW5, { seed: 7, resamples: 1_000, lowerLimit: 0 }).clamped).toBe(false);
  });
});
