// Wilson and Newcombe intervals against the published values of Newcombe 1998.
import { describe, expect, it } from 'vitest';
import { computeNewcombeInterval, computeWilsonInterval } from './newcombe-difference.js';

describe('computeNewcombeInterval', () => {
  it.each([
    // Newcombe 1998, Table II, method 10 (examples a, b, c, e), to the 4 decimals printed there.
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
  ])('gives the published limits for %i/%i - %i/%i', (x1, n1, x2, n2, low, high) => {
    const interval = computeNewcombeInterval(x1, n1, x2, n2);
    expect(interval?.low).toBeCloseTo(low, 4);
    expect(interval?.high).toBeCloseTo(high, 4);
  });

  it('stays wide with no events at all, and narrows only with many requests', () => {
    expect(computeNewcombeInterval(0, 10, 0, 10)?.high).toBeCloseTo(0.2775, 4);
    // 189 error-free requests per arm are about what it takes to show an error rate within +2 points.
    expect(computeNewcombeInterval(0, 189, 0, 189)?.high).toBeLessThan(0.02);
    expect(computeNewcombeInterval(0, 188, 0, 188)?.high).toBeGreaterThan(0.02);
  });

  it('has no interval without trials', () => {
    expect(computeNewcombeInterval(0, 0, 0, 10)).toBeNull();
    expect(computeWilsonInterval(0, 0)).toBeNull();
    expect(computeWilsonInterval(0, 10)?.high).toBeCloseTo(0.2775, 4);
  });
});
