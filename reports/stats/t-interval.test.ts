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
});
