// Student t quantiles into the far tails (SciPy 1.17, and mpmath where SciPy gives -inf), and the noncentral t CDF at extreme t.
import { describe, expect, it } from 'vitest';
import { approximationErrorBound, computeNoncentralTCdf } from './noncentral-t.js';
import { computeStudentTCdf, computeStudentTQuantile } from './student-t.js';

const relative = (actual: number, expected: number): number => Math.abs(actual / expected - 1);

describe('computeStudentTQuantile', () => {
  // Before: 1e-10 with 1 df was 3183098598 (8e-8 off), 1e-100 with 1 df gave 1.5e15 instead of 3.2e99, 1e-300 with 3 df 3.4e6.
  it.each([
    [0.025, 9, 2.2621571627982085],
    [1e-10, 1, 3183098861.8379064],
    [1e-20, 30, 22.658878371940183],
    [1e-100, 9, 308700882216.86021],
    [1e-300, 1, 3.1830988618379067e299],
    [1e-300, 3, 1.0331108360446529e100],
  ])('the %d quantile with %d df is minus %d', (p, df, expected) => {
    expect(relative(computeStudentTQuantile(p, df), -expected)).toBeLessThan(1e-12);
  });

  it('is symmetric: the 0.975 quantile with 9 df is 2.2621571627982085', () => {
    expect(relative(computeStudentTQuantile(0.975, 9), 2.2621571627982085)).toBeLessThan(1e-13);
  });

  it('gives Infinity where the quantile is past the double range (1e-300 with 0.5 df: about 1e600)', () => {
    expect(computeStudentTQuantile(1e-300, 0.5)).toBe(-Infinity);
  });

  it('keeps the CDF right for t past 1e154, where t^2 overflows (before: the tail was 0)', () => {
    // With 1 df (Cauchy) P(T < -t) = atan(1/t) / pi = 1 / (pi t) far out: 3.183098861837907e-201 at t = 1e200.
    expect(relative(computeStudentTCdf(-1e200, 1), 3.183098861837907e-201)).toBeLessThan(1e-13);
    expect(computeStudentTCdf(1e300, 3)).toBe(1);
    expect(computeStudentTCdf(-1e300, 3)).toBe(0);
  });
});

describe('computeNoncentralTCdf at extreme t', () => {
  // Before: NaN for |t| below ~1e-150 (0 x Infinity in the recurrences) and above ~1.3e154 (Infinity / Infinity).
  it.each([
    [1e-300, 5, 3, 0.0013498980316300954],
    [1e-160, 5, 3, 0.0013498980316300954],
    [1e300, 5, 3, 1],
    [1e200, 5, 0.5, 1],
  ])('F(%d; %d, %d) matches SciPy stats.nct.cdf', (t, df, ncp, expected) => {
    expect(Math.abs(computeNoncentralTCdf(t, df, ncp) - expected)).toBeLessThan(1e-15);
  });

  it('keeps the normal approximation past ncp 1000 a number within its bound at t = ±1e300 (before: NaN)', () => {
    // A&S 26.7.10 tends to Phi((1 - 1/(4 df)) sqrt(2 df)) = 0.99867 as t grows, within the 0.022 bound stated for df 5.
    expect(Math.abs(computeNoncentralTCdf(1e300, 5, 5000) - 1)).toBeLessThanOrEqual(approximationErrorBound(5, 5000));
    expect(computeNoncentralTCdf(-1e300, 5, 5000)).toBeLessThanOrEqual(approximationErrorBound(5, 5000));
  });
});
