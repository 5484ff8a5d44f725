// Tests of inference at a group-sequential look: repeated confidence intervals and the stage-wise p-value.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/index.js';
import { computeBoundaries } from './group-sequential-boundaries.js';
import { computeRepeatedConfidenceInterval, computeStagewisePValue } from './group-sequential-inference.js';
import { computeNormalUpperTail } from './group-sequential-normal.js';

const OBF = { alpha: 0.05, spending: 'obrien-fleming' } as const;
const FIVE = [0.2, 0.4, 0.6, 0.8, 1];

describe('computeRepeatedConfidenceInterval', () => {
  it('is the estimate -/+ c_k SE, and the fixed-sample interval for one look at t = 1', () => {
    const [single] = computeBoundaries([1], OBF);
    const [low, high] = computeRepeatedConfidenceInterval({ estimate: 0.3, standardError: 0.1 }, single!);
    expect(low).toBeCloseTo(0.3 - 0.1959963984540054, 14);
    expect(high).toBeCloseTo(0.3 + 0.1959963984540054, 14);
    const looks = computeBoundaries(FIVE, OBF);
    expect(computeRepeatedConfidenceInterval({ estimate: -1, standardError: 2 }, looks[1]!)).toEqual([
      -1 - 2 * looks[1]!.critical,
      -1 + 2 * looks[1]!.critical,
    ]);
  });

  it('excludes 0 exactly when the look rejects, and is the whole line where a look cannot reject', () => {
    const look = computeBoundaries(FIVE, OBF)[2]!;
    const se = 0.5;
    expect(computeRepeatedConfidenceInterval({ estimate: (look.critical + 1e-9) * se, standardError: se }, look)[0]).toBeGreaterThan(0);
    expect(computeRepeatedConfidenceInterval({ estimate: (look.critical - 1e-9) * se, standardError: se }, look)[0]).toBeLessThan(0);
    expect(computeRepeatedConfidenceInterval({ estimate: 1, standardError: 1 }, { critical: Number.POSITIVE_INFINITY })).toEqual([
      Number.NEGATIVE_INFINITY,
      Number.POSITIVE_INFINITY,
    ]);
  });

  it('refuses a standard error that is not positive and finite, naming it', () => {
    expect(() => computeRepeatedConfidenceInterval({ estimate: 1, standardError: 0 }, { critical: 2 })).toThrow(AppError);
    expect(() => computeRepeatedConfidenceInterval({ estimate: 1, standardError: -1 }, { critical: 2 })).toThrow(/got -1/);
    expect(() => computeRepeatedConfidenceInterval({ estimate: Number.NaN, standardError: 1 }, { critical: 2 })).toThrow(/estimate/);
  });
});

describe('computeStagewisePValue', () => {
  it('is the ordinary two-sided p-value at a single look', () => {
    expect(computeStagewisePValue([1], 2.5, OBF)).toBeCloseTo(2 * computeNormalUpperTail(2.5), 15);
    expect(computeStagewisePValue([0.4], -2.5, OBF)).toBeCloseTo(2 * computeNormalUpperTail(2.5), 15);
  });

  it('equals the alpha spent so far when z sits on the boundary, so it agrees with the test', () => {
    const looks = computeBoundaries(FIVE, OBF);
    looks.forEach((look, k) => {
      const p = computeStagewisePValue(FIVE.slice(0, k + 1), look.critical, OBF);
      expect(Math.abs(p - look.cumulativeAlpha)).toBeLessThan(1e-12);
    });
  });

  it('matches an independent integration (numpy Simpson recursion) for stopping at look 3 and for the final look', () => {
    // alpha(t_2) + P(|Z_1| < c_1, |Z_2| < c_2, |Z_3| >= 3) for O-F spending at 0.2, 0.4, 0.6.
    expect(computeStagewisePValue([0.2, 0.4, 0.6], 3, OBF)).toBeCloseTo(0.0031212134668342053, 10);
    expect(computeStagewisePValue([0.3, 0.55], -2.7, OBF)).toBeCloseTo(0.006959340916998587, 10);
    // No rejection at the final look: the p-value is above alpha.
    expect(computeStagewisePValue(FIVE, 1.5, OBF)).toBeCloseTo(0.13538897191589805, 10);
  });

  it('falls as |z| grows and ignores the sign', () => {
    const ps = [0, 1, 2, 3, 4, 6].map((z) => computeStagewisePValue([0.25, 0.5, 0.75], z, OBF));
    for (let i = 1; i < ps.length; i += 1) expect(ps[i]).toBeLessThan(ps[i - 1]!);
    expect(computeStagewisePValue([0.25, 0.5, 0.75], -2.2, OBF)).toBe(computeStagewisePValue([0.25, 0.5, 0.75], 2.2, OBF));
  });

  it('refuses a missing look or a non-finite z with BAD_USAGE', () => {
    expect(() => computeStagewisePValue([], 2, OBF)).toThrow(/at least the look/);
    expect(() => computeStagewisePValue([0.5, 1], Number.NaN, OBF)).toThrow(/z must be a finite number, got NaN/);
    expect(() => computeStagewisePValue([0.5, 0.4], 2, OBF)).toThrow(/fraction 2 is 0.4/);
  });
});
