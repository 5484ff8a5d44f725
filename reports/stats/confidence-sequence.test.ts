// Tests of the asymptotic confidence sequence: GrowthBook's rho and half-width, edge cases, the t widening.
import jStat from 'jstat';
import { describe, expect, it } from 'vitest';
import { computeConfidenceSequence, computeSequentialRadius, computeSequentialRho } from './confidence-sequence.js';

describe('computeSequentialRho', () => {
  it('is sqrt((-2 ln a + ln(-2 ln a + 1)) / N*), as GrowthBook computes it', () => {
    // Reference values computed by hand in Python from the formula.
    expect(computeSequentialRho(0.05, 20)).toBeCloseTo(0.6299267656536578, 14);
  });

  it('refuses an alpha outside (0, 1) or a tuning size <= 0, naming the option', () => {
    expect(() => computeSequentialRho(0, 20)).toThrow(/alpha must be between 0 and 1, got 0/);
    expect(() => computeSequentialRho(0.05, 0)).toThrow(/tuning sample size must be a positive number, got 0/);
  });
});

describe('computeSequentialRadius', () => {
  const rho = computeSequentialRho(0.05, 20);

  it('matches hand-computed multipliers of the SD', () => {
    expect(computeSequentialRadius(20, 0.05, rho)).toBeCloseTo(0.6786933628399806, 12);
    expect(computeSequentialRadius(3, 0.05, rho)).toBeCloseTo(2.038568331504248, 12);
    expect(computeSequentialRadius(100, 0.05, rho)).toBeCloseTo(0.3153030438672905, 12);
  });

  it('is widest relative to a fixed-n interval far from the tuning size and tightest near it', () => {
    const relative = (n: number): number => computeSequentialRadius(n, 0.05, rho) * Math.sqrt(n);
    expect(relative(20)).toBeLessThan(relative(5));
    expect(relative(20)).toBeLessThan(relative(80));
    // Always wider than the fixed-n normal interval it replaces.
    expect(relative(20)).toBeGreaterThan(1.96);
  });
});

describe('computeConfidenceSequence', () => {
  it('is mean ± sd * radius on the values', () => {
    const cs = computeConfidenceSequence([1, 2, 4, -1, 3.5], { alpha: 0.05, tuningN: 20 });
    expect(cs.n).toBe(5);
    expect(cs.mean).toBeCloseTo(1.9, 12);
    expect(cs.sd).toBeCloseTo(2.012461179749811, 12);
    expect(cs.low).toBeCloseTo(-1.037864034643765, 12);
    expect(cs.high).toBeCloseTo(4.837864034643765, 12);
  });

  it('excludes nothing below two values', () => {
    expect(computeConfidenceSequence([], { alpha: 0.05, tuningN: 20 })).toMatchObject({ n: 0, low: -Infinity, high: Infinity });
    expect(computeConfidenceSequence([3], { alpha: 0.05, tuningN: 20 })).toMatchObject({ n: 1, mean: 3, low: -Infinity, high: Infinity });
  });

  it('widens by t(1 - alpha/2, n - 1) / z(1 - alpha/2) with studentT', () => {
    const values = [0.3, -0.2, 1.1, 0.8];
    const plain = computeConfidenceSequence(values, { alpha: 0.05, tuningN: 20 });
    const widened = computeConfidenceSequence(values, { alpha: 0.05, tuningN: 20, studentT: true });
    expect(widened.halfWidth / plain.halfWidth).toBeCloseTo(jStat.studentt.inv(0.975, 3) / jStat.normal.inv(0.975, 0, 1), 10);
    expect(widened.mean).toBe(plain.mean);
  });

  it('has zero width when every value is the same', () => {
    expect(computeConfidenceSequence([2, 2, 2], { alpha: 0.05, tuningN: 20 })).toMatchObject({ low: 2, high: 2 });
  });
});
