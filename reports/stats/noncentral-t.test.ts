import jStat from 'jstat';
import { describe, expect, it } from 'vitest';
import { computeIncompleteBeta } from './incomplete-beta.js';
import { computeNoncentralTCdf } from './noncentral-t.js';
import { computeStudentTCdf, computeStudentTQuantile } from './student-t.js';

describe('incomplete beta', () => {
  it('matches the binomial identity I_x(a, n-a+1) = P(Binomial(n, x) >= a)', () => {
    // I_0.4(2, 3) = P(Bin(4, 0.4) >= 2) = 6(.4^2)(.6^2) + 4(.4^3)(.6) + .4^4 = 0.5248
    expect(computeIncompleteBeta(0.4, 2, 3)).toBeCloseTo(0.5248, 14);
  });

  it('matches mpmath betainc (40 digits) where jStat.ibeta is off by 1e-8', () => {
    expect(computeIncompleteBeta(0.3, 10.5, 20)).toBeCloseTo(0.31478771455359387, 13);
    expect(computeIncompleteBeta(0.9, 300.5, 40)).toBeCloseTo(0.84248454237584658, 13);
    expect(Math.abs(jStat.ibeta(0.9, 300.5, 40) - 0.84248454237584658)).toBeGreaterThan(1e-9);
  });

  it('handles the ends and bad parameters', () => {
    expect(computeIncompleteBeta(0, 2, 3)).toBe(0);
    expect(computeIncompleteBeta(1, 2, 3)).toBe(1);
    expect(computeIncompleteBeta(0.5, 0, 3)).toBeNaN();
  });
});

describe('Student t', () => {
  it('gives the quantiles of SciPy t.ppf to 1e-12', () => {
    // SciPy 1.17 stats.t.ppf (Boost), which R's qt() agrees with to the digits printed: t(.975, 9), t(.975, 126), t(.995, 4)
    expect(computeStudentTQuantile(0.975, 9)).toBeCloseTo(2.262157162798205, 12);
    expect(computeStudentTQuantile(0.975, 126)).toBeCloseTo(1.978970601990628, 12);
    expect(computeStudentTQuantile(0.005, 4)).toBeCloseTo(-4.604094871349993, 12);
    expect(computeStudentTQuantile(0.5, 7)).toBe(0);
  });

  it('has a CDF that inverts its quantile, including the Cauchy case df = 1', () => {
    expect(computeStudentTCdf(1, 1)).toBeCloseTo(0.75, 14);
    expect(computeStudentTCdf(computeStudentTQuantile(0.9, 3.5), 3.5)).toBeCloseTo(0.9, 14);
  });
});

describe('noncentral t CDF', () => {
  // References: mpmath quadrature of E[Phi(t sqrt(U/df) - ncp)], U ~ chi2(df), at 40 digits.
  const references: [number, number, number, number][] = [
    [1.96, 126, 2.8284271247461903, 0.19331198527922593],
    [-1, 10, 2, 0.0018164334104296491],
    [2, 5, -1, 0.99410353771015784],
    [0.5, 3, 0.5, 0.4843726868228129],
    [-2.5, 40, -3, 0.69038167353641824],
    [30, 30, 26, 0.82585848623162399],
    [25, 1, 26, 0.29872614648144534],
    [50, 100, 45, 0.90930618228175383],
    [40, 100_000, 40, 0.49996015932618379],
  ];

  it.each(references)('F(%d; df %d, ncp %d) matches to 1e-10', (t, df, ncp, expected) => {
    expect(Math.abs(computeNoncentralTCdf(t, df, ncp) - expected)).toBeLessThan(1e-10);
  });

  it('stays right above a noncentrality of 25, where jStat.noncentralt.cdf collapses', () => {
    // SciPy 1.17 stats.nct.cdf(30, 20, 30) = 0.45926282000018925; jStat returns about 2e-40.
    expect(computeNoncentralTCdf(30, 20, 30)).toBeCloseTo(0.45926282000018925, 10);
    expect(jStat.noncentralt.cdf(30, 20, 30)).toBeLessThan(1e-30);
  });

  it('reduces to the central t at ncp 0 and is monotone in t', () => {
    expect(computeNoncentralTCdf(1.5, 7, 0)).toBeCloseTo(computeStudentTCdf(1.5, 7), 14);
    let previous = 0;
    for (let t = -5; t <= 15; t += 0.5) {
      const value = computeNoncentralTCdf(t, 12, 4);
      expect(value).toBeGreaterThanOrEqual(previous);
      previous = value;
    }
  });
});
