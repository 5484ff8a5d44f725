// The Student t interval: R's t.test on Student's sleep data, the ends of the double range (mpmath), and n/a with reasons.
import { describe, expect, it } from 'vitest';
import { computeTInterval } from './t-interval.js';

// Student's sleep data (Cushny & Peebles 1905, as in R's `sleep`): extra hours of sleep on two drugs, 10 patients.
const GROUP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const GROUP_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe('computeTInterval', () => {
  it('reproduces R t.test(sleep$extra[1:10]): mean 0.75, 95% CI [-0.5297804, 2.0297804], t = 1.3257, df 9', () => {
    const interval = computeTInterval(GROUP_1);
    expect(interval.mean).toBeCloseTo(0.75, 12);
    expect(interval.sd).toBeCloseTo(1.7890096577591623, 12);
    expect(interval.df).toBe(9);
    expect(interval.t_critical).toBeCloseTo(2.262157162798205, 12);
    expect(interval.t_statistic).toBeCloseTo(1.3257101, 7);
    expect(interval.low).toBeCloseTo(-0.5297804, 7);
    expect(interval.high).toBeCloseTo(2.0297804, 7);
    expect(interval.ci_width).toBeCloseTo((2.0297804135 + 0.5297804135) / 0.75, 7);
  });

  it('reproduces the paired sleep analysis, t.test(extra ~ group, paired = TRUE): mean 1.58, CI [0.7001142, 2.4598858], t = 4.0621', () => {
    const differences = GROUP_2.map((value, i) => value - (GROUP_1[i] as number));
    const interval = computeTInterval(differences);
    expect(interval.mean).toBeCloseTo(1.58, 12);
    expect(interval.t_statistic).toBeCloseTo(4.0621, 4);
    expect(interval.low).toBeCloseTo(0.7001142, 7);
    expect(interval.high).toBeCloseTo(2.4598858, 7);
  });

  it('gives ci=n/a below 3 values and no relative width at a zero mean', () => {
    expect(computeTInterval([1, 2])).toMatchObject({ n: 2, mean: 1.5, low: null, high: null, ci_width: null });
    expect(computeTInterval([])).toMatchObject({ n: 0, mean: null, sd: null, low: null });
    const centered = computeTInterval([-1, 0, 1]);
    expect(centered.low).toBeLessThan(0);
    expect(centered.ci_width).toBeNull();
  });

  it('widens with the confidence level', () => {
    const ninety = computeTInterval(GROUP_1, 0.9);
    const ninetyNine = computeTInterval(GROUP_1, 0.99);
    expect((ninetyNine.high as number) - (ninetyNine.low as number)).toBeGreaterThan((ninety.high as number) - (ninety.low as number));
    expect(() => computeTInterval(GROUP_1, 1)).toThrow(RangeError);
  });

  // Exact values (mpmath, 50 digits) of the same doubles; t quantile from SciPy 1.17 stats.t.ppf(0.975, 6).
  // Before: at 1e300 sd = Infinity, t = 0, [-Infinity, Infinity], ci_width Infinity; at 1e-300 sd = 0, t = null and a
  // zero-width interval [mean, mean] with ci_width 0.
  it.each([
    [1e300, 1.3857142857142858e300, 5.5506327395643653e299, 8.7236637674818154e299, 1.8990621946803901e300],
    [1e-300, 1.3857142857142858e-300, 5.5506327395643649e-301, 8.7236637674818155e-301, 1.89906219468039e-300],
  ])('at %d x the sample gives the exact mean, SD, t, bounds and ci_width', (factor, mean, sd, low, high) => {
    const interval = computeTInterval([1.3, 1.7, 1.1, 1.0, 0.9, 1.2, 2.5].map((value) => value * factor));
    const near = (actual: number | null, expected: number, tolerance: number): void =>
      expect(Math.abs((actual as number) / expected - 1)).toBeLessThan(tolerance);
    near(interval.mean, mean, 1e-15);
    near(interval.sd, sd, 1e-15);
    near(interval.t_statistic, 6.6051125343905314, 1e-14);
    near(interval.low, low, 1e-13);
    near(interval.high, high, 1e-13);
    near(interval.ci_width, 0.74091450778612983, 1e-13);
    expect(interval.na).toBeNull();
  });

  it('says n/a with the reason for a NaN or infinite value, no variation, and bounds past the double range', () => {
    expect(computeTInterval([1, Number.NaN, 3])).toMatchObject({
      mean: null,
      sd: null,
      low: null,
      high: null,
      ci_width: null,
      na: 'value 2 of 3 is NaN',
    });
    expect(computeTInterval([1, Infinity, 3])).toMatchObject({ mean: null, low: null, na: 'value 2 of 3 is +Infinity' });
    // Before: sd 0, a zero-width interval [2, 2] and ci_width 0, as if exact.
    expect(computeTInterval([2, 2, 2])).toMatchObject({
      mean: 2,
      sd: 0,
      t_statistic: null,
      low: null,
      high: null,
      ci_width: null,
      na: 'no variation: all 3 values are equal (SD 0), so an interval would have zero width',
    });
    // mean 1.3e308, SD 3.6e307 (mpmath): the upper bound 2.196e308 is not a double. Before: mean Infinity, low NaN.
    const top = computeTInterval([1e308, 1.2e308, 1.7e308]);
    expect(top).toMatchObject({ low: null, high: null, na: 'the interval bounds are beyond the double range (about ±1.8e308)' });
    expect(Math.abs((top.mean as number) / 1.3e308 - 1)).toBeLessThan(1e-15);
    expect(Math.abs((top.t_statistic as number) / 6.2449979983983985 - 1)).toBeLessThan(1e-14);
  });

  it('leaves na null below 3 values: the missing interval is the documented ci=n/a', () => {
    expect(computeTInterval([1, 2]).na).toBeNull();
  });
});
