// Mean, SD and t at the ends of the double range, against exact values (mpmath, 50 digits, of the same doubles).
import { describe, expect, it } from 'vitest';
import { computePowerOfTwoScale, computeSampleSd, computeScaledMean, computeScaledMoments } from './scaled-moments.js';

const BASE = [1.3, 1.7, 1.1, 1.0, 0.9, 1.2, 2.5];
const relative = (actual: number | null, expected: number): number => Math.abs((actual as number) / expected - 1);

describe('computeScaledMoments', () => {
  // Before: sum of squares overflowed at 1e300 (sd Infinity, t 0) and underflowed at 1e-300 (sd 0, t null).
  it.each([
    [1e300, 1.3857142857142858e300, 5.5506327395643653e299],
    [1e-300, 1.3857142857142858e-300, 5.5506327395643649e-301],
  ])('at %d x the sample: mean, SD and t as mpmath gives them', (factor, mean, sd) => {
    const moments = computeScaledMoments(BASE.map((value) => value * factor));
    expect(relative(moments.mean, mean)).toBeLessThan(1e-15);
    expect(relative(moments.sd, sd)).toBeLessThan(1e-15);
    expect(relative(moments.t, 6.6051125343905314)).toBeLessThan(1e-14);
    expect(relative(moments.relativeSd, 5.5506327395643653 / 13.857142857142858)).toBeLessThan(1e-14);
    expect(moments.na).toBeNull();
  });

  it('is bit-identical to the plain two-pass sums in the normal range (dividing by a power of two is exact)', () => {
    const moments = computeScaledMoments(BASE);
    const mean = BASE.reduce((sum, value) => sum + value, 0) / BASE.length;
    expect(moments.mean).toBe(mean);
    expect(moments.sd).toBe(Math.sqrt(BASE.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (BASE.length - 1)));
  });

  it('says n/a with the reason for NaN and infinite values and for an SD past the double range', () => {
    expect(computeScaledMoments([1, Number.NaN, 3])).toMatchObject({ mean: null, sd: null, t: null, na: 'value 2 of 3 is NaN' });
    expect(computeScaledMoments([1, 2, -Infinity])).toMatchObject({ mean: null, na: 'value 3 of 3 is -Infinity' });
    // sd = 1.7e308 sqrt(2) = 2.4e308: not a double.
    expect(computeScaledMoments([1.7e308, -1.7e308])).toMatchObject({
      mean: 0,
      sd: null,
      na: expect.stringMatching(/^the SD is beyond the double range/),
    });
  });

  it('gives SD 0 and no t without variation, and works on subnormal values', () => {
    expect(computeScaledMoments([2, 2, 2])).toMatchObject({ mean: 2, sd: 0, t: null, na: null });
    const tiny = computeScaledMoments([5e-324, 1e-323, 1.5e-323]);
    expect(tiny.mean).toBe(1e-323);
    // 1, 2 and 3 times the smallest subnormal: mean 2, SD 1 in that unit, so t = 2 sqrt(3); squares of them are 0.
    expect(tiny.t).toBeCloseTo(2 * Math.sqrt(3), 14);
    expect(tiny.sd).toBe(5e-324);
  });
});

describe('computeScaledMean and computePowerOfTwoScale', () => {
  it('averages values whose sum would overflow', () => {
    expect(relative(computeScaledMean([1.7e308, 1.7e308, 1.6e308]), 1.6666666666666667e308)).toBeLessThan(1e-15);
  });

  it('picks the power of two at or below the largest magnitude', () => {
    expect(computePowerOfTwoScale(1)).toBe(1);
    expect(computePowerOfTwoScale(3)).toBe(2);
    expect(computePowerOfTwoScale(1.7e308)).toBe(2 ** 1023);
    expect(computePowerOfTwoScale(5e-324)).toBe(5e-324);
    expect(computePowerOfTwoScale(0)).toBe(1);
  });
});

describe('computeScaledMean and computeSampleSd against the plain sums they replace', () => {
  it('give the same doubles as sum / n and the two-pass SD in the normal range, NaN where those are', () => {
    const plainMean = (xs: number[]) => xs.reduce((sum, x) => sum + x, 0) / xs.length;
    const plainSd = (xs: number[]) => Math.sqrt(xs.reduce((sum, x) => sum + (x - plainMean(xs)) ** 2, 0) / (xs.length - 1));
    for (const xs of [BASE, [0.1, 0.2, 0.3], [1e6 + 0.1, 1e6 + 0.2, 1e6 - 0.3, 7], [-3, 3, 0.5, 1 / 3]]) {
      expect(computeScaledMean(xs)).toBe(plainMean(xs));
      expect(computeSampleSd(xs)).toBe(plainSd(xs));
    }
    expect(computeScaledMean([])).toBeNaN();
    expect(computeSampleSd([4])).toBeNaN();
    expect(computeSampleSd([1, Number.POSITIVE_INFINITY])).toBeNaN();
    expect(computeSampleSd(BASE.map((value) => value * 1e300))).toBe(computeScaledMoments(BASE.map((value) => value * 1e300)).sd);
  });
});
