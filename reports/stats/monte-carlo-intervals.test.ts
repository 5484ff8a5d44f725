// Tests of the Monte Carlo intervals: Wilson's score interval for rates, Student t for means.
import { describe, expect, it } from 'vitest';
import { computeMonteCarloMean, computeWilsonInterval } from './monte-carlo-intervals.js';

describe('computeWilsonInterval', () => {
  it('matches the textbook 95% interval for 10 of 100 (0.0552 to 0.1744)', () => {
    const interval = computeWilsonInterval(10, 100);
    expect(interval.rate).toBe(0.1);
    expect(interval.low).toBeCloseTo(0.05523, 4);
    expect(interval.high).toBeCloseTo(0.17437, 4);
  });

  it('stays inside [0, 1] and is not empty at 0 of n', () => {
    const none = computeWilsonInterval(0, 2000);
    expect(none.low).toBe(0);
    // 1.96^2 / (2000 + 1.96^2) = 0.00192.
    expect(none.high).toBeCloseTo(0.001917, 5);
    expect(computeWilsonInterval(2000, 2000).high).toBe(1);
  });
});

describe('computeMonteCarloMean', () => {
  it('is mean ± t(0.975, n - 1) s / sqrt(n)', () => {
    // mean 18, s = sqrt(6.5), t(0.975, 4) = 2.776445.
    const interval = computeMonteCarloMean([17, 20, 20, 19, 14]);
    expect(interval.mean).toBe(18);
    expect(interval.low).toBeCloseTo(18 - (2.776445 * Math.sqrt(6.5)) / Math.sqrt(5), 4);
    expect(interval.high).toBeCloseTo(18 + (2.776445 * Math.sqrt(6.5)) / Math.sqrt(5), 4);
  });
});
