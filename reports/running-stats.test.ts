// Welford running stats and their t interval: textbook values, the ends of the double range (mpmath), n/a with reasons.
import { describe, expect, it } from 'vitest';
import { addSample, computeMeanInterval, computeRunningSd, createRunningStats, type RunningStats } from './running-stats.js';

function collect(values: readonly number[]): RunningStats {
  const stats = createRunningStats();
  for (const value of values) addSample(stats, value);
  return stats;
}

describe('running stats', () => {
  it('matches the textbook mean, SD and t interval', () => {
    const stats = createRunningStats();
    for (const value of [2, 4, 4, 4, 5, 5, 7, 9]) addSample(stats, value);
    expect(stats.mean).toBeCloseTo(5, 14);
    expect(Math.sqrt(stats.m2 / (stats.n - 1))).toBeCloseTo(2.13809, 5);
    const interval = computeMeanInterval(stats);
    // t(0.975, 7) = 2.364624; half-width = 2.364624 * 2.13809 / sqrt(8) = 1.787485
    expect(interval?.low).toBeCloseTo(3.212515, 5);
    expect(interval?.high).toBeCloseTo(6.787485, 5);
    expect(interval?.width).toBeCloseTo(0.714994, 5);
  });

  it('gives no interval below three samples', () => {
    const stats = createRunningStats();
    addSample(stats, 1);
    addSample(stats, 2);
    expect(computeMeanInterval(stats)).toBeNull();
  });

  // mpmath (50 digits) of the same doubles; t(0.975, 7) from SciPy. Before: at 1e300 M2 overflowed (interval
  // [-Infinity, Infinity], width Infinity); at 1e-300 it underflowed to 0 (a zero-width interval, width 0).
  it.each([
    [1e300, 5.0000000000000003e300, 2.1380899352993953e300, 3.2125120817637902e300, 6.7874879182362103e300],
    [1e-300, 5.0000000000000001e-300, 2.1380899352993951e-300, 3.2125120817637902e-300, 6.78748791823621e-300],
  ])('at %d x the textbook sample gives the exact mean, SD and interval', (factor, mean, sd, low, high) => {
    const stats = collect([2, 4, 4, 4, 5, 5, 7, 9].map((value) => value * factor));
    const near = (actual: number | null | undefined, expected: number, tolerance: number): void =>
      expect(Math.abs((actual as number) / expected - 1)).toBeLessThan(tolerance);
    near(stats.mean, mean, 1e-15);
    near(computeRunningSd(stats), sd, 1e-15);
    const interval = computeMeanInterval(stats);
    near(interval?.low, low, 1e-13);
    near(interval?.high, high, 1e-13);
    near(interval?.width, 0.71499516729448398, 1e-13);
    expect(interval?.na).toBeNull();
  });

  it('keeps tiny values exact after zeros (the scale is set by the first non-zero value)', () => {
    const stats = collect([0, 0, 1e-300, 2e-300, 3e-300]);
    expect(Math.abs((computeRunningSd(stats) as number) / 1.3038404810405297e-300 - 1)).toBeLessThan(1e-15);
  });

  it('says n/a with the reason for a NaN value and for no variation', () => {
    const withNan = collect([1, Number.NaN, 3]);
    expect(computeRunningSd(withNan)).toBeNull();
    expect(computeMeanInterval(withNan)).toEqual({ low: null, high: null, width: null, na: 'value 2 is NaN' });
    // Before: a zero-width interval [2, 2] with width 0.
    expect(computeMeanInterval(collect([2, 2, 2]))).toEqual({
      low: null,
      high: null,
      width: null,
      na: 'no variation: all 3 values are equal (SD 0), so an interval would have zero width',
    });
  });
});
