// The AB/BA analysis at the ends of the double range and without variation: the right number or n/a, never a wrong one.
import { describe, expect, it } from 'vitest';
import { buildTEstimate } from './crossover-estimate.js';
import { analyzeCrossover, type CrossoverSubject } from './crossover-grizzle.js';
import { renderCrossoverAnalysis } from './crossover-render.js';

const BASE: CrossoverSubject[] = [
  { subject: '1', sequence: 'AB', y1: 1.3, y2: 1.1 },
  { subject: '2', sequence: 'AB', y1: 1.7, y2: 1.2 },
  { subject: '3', sequence: 'AB', y1: 1.1, y2: 1.05 },
  { subject: '4', sequence: 'BA', y1: 1.0, y2: 1.4 },
  { subject: '5', sequence: 'BA', y1: 0.9, y2: 1.0 },
  { subject: '6', sequence: 'BA', y1: 1.2, y2: 1.5 },
];
const scaled = (factor: number): CrossoverSubject[] => BASE.map((s) => ({ ...s, y1: s.y1 * factor, y2: s.y2 * factor }));

describe('analyzeCrossover across scales', () => {
  it.each([1e300, 1e-300, 1e150])('gives the same t and p with every value times %d', (factor) => {
    const plain = analyzeCrossover(BASE);
    const big = analyzeCrossover(scaled(factor));
    expect(big.treatment.t).toBeCloseTo(plain.treatment.t, 9);
    expect(big.treatment.p).toBeCloseTo(plain.treatment.p, 12);
    expect(big.treatment.na).toBeUndefined();
  });

  it('says n/a, with the reason, when there is no variation within the sequences', () => {
    const flat: CrossoverSubject[] = BASE.map((s) => ({ ...s, y1: s.sequence === 'AB' ? 2 : 1, y2: s.sequence === 'AB' ? 1 : 2 }));
    const result = analyzeCrossover(flat);
    expect(result.treatment.na).toBe('no variation within the sequences (standard error 0)');
    expect(Number.isNaN(result.treatment.p)).toBe(true);
    const text = renderCrossoverAnalysis(result);
    expect(text).toMatch(/treatment \(A - B\): n\/a, no variation within the sequences/);
    expect(text).toMatch(/treatment \(A - B\) +1\.0000 +0\.0000 +n\/a +n\/a +4 +n\/a/);
  });

  // Exact (mpmath, 50 digits, of the same doubles; p from SciPy 1.17 stats.t.sf): t 3.2496829938379472, p 0.03138513720891996.
  it.each([
    [1e300, 2.5833333333333335e299, 7.949493345141213e298, 3.7620014464135809e298, 4.7904665220253088e299],
    [1e-300, 2.5833333333333338e-301, 7.9494933451412133e-302, 3.7620014464135832e-302, 4.7904665220253093e-301],
  ])('matches the exact treatment estimate, SE, CI, t and p at %d x the data', (factor, estimate, se, low, high) => {
    const { treatment } = analyzeCrossover(scaled(factor));
    const near = (actual: number, expected: number, tolerance: number): void =>
      expect(Math.abs(actual / expected - 1)).toBeLessThan(tolerance);
    near(treatment.estimate, estimate, 1e-14);
    near(treatment.se, se, 1e-14);
    near(treatment.ciLow, low, 1e-10);
    near(treatment.ciHigh, high, 1e-10);
    near(treatment.t, 3.2496829938379472, 1e-14);
    near(treatment.p, 0.03138513720891996, 1e-12);
  });
});

describe('buildTEstimate', () => {
  it('says n/a, with the reason, when t or the bounds leave the double range', () => {
    // Before: t = Infinity and p = NaN printed as if a result.
    expect(buildTEstimate(1e300, 1e-300, 5, 0.05)).toMatchObject({ na: 't = estimate / SE = 1e+300 / 1e-300 is past the double range' });
    expect(Number.isNaN(buildTEstimate(1e300, 1e-300, 5, 0.05).p)).toBe(true);
    expect(buildTEstimate(1.7e308, 1e307, 5, 0.05)).toMatchObject({ na: 'the interval bounds are past the double range (about ±1.8e308)' });
    expect(buildTEstimate(Number.NaN, 1, 5, 0.05).na).toBe(
      'the estimate is NaN: the values are too large for double precision (a sum or difference passed ±1.8e308)',
    );
    expect(buildTEstimate(1, Number.POSITIVE_INFINITY, 5, 0.05).na).toBe(
      'the standard error is Infinity: the values are too large to square in double precision',
    );
  });
});

describe('analyzeCrossover near the top of the double range', () => {
  it('gives the treatment estimate and its p although every y1 - y2 passes 1.8e308', () => {
    // y1 = +1e308 x, y2 = -1e308 x: D = y1 - y2 reaches 3.2e308, but the estimate (D_AB - D_BA) / 2 is 7.5e305.
    const plain = analyzeCrossover(BASE.map((s) => ({ ...s, y2: -s.y2 })));
    const huge = analyzeCrossover(BASE.map((s) => ({ ...s, y1: s.y1 * 1e308, y2: -s.y2 * 1e308 })));
    // Before: D overflowed to Infinity, the estimate was Infinity - Infinity = NaN, and p n/a.
    expect(huge.treatment.na).toBeUndefined();
    expect(huge.treatment.estimate / 1e308).toBeCloseTo(plain.treatment.estimate, 12);
    expect(huge.treatment.t).toBeCloseTo(plain.treatment.t, 12);
    expect(huge.treatment.p).toBeCloseTo(plain.treatment.p, 14);
    expect(huge.groups.AB.meanDifference).toBe(Number.POSITIVE_INFINITY);
  });

  it('says the values are too large for double precision when the estimate itself is past the range', () => {
    // D_AB near +3.4e308, D_BA near -3.4e308: the treatment (D_AB - D_BA) / 2 is 3.4e308, past the range.
    const sign = (s: CrossoverSubject): number => (s.sequence === 'AB' ? 1 : -1);
    const result = analyzeCrossover(BASE.map((s) => ({ ...s, y1: sign(s) * s.y1 * 1e308, y2: -sign(s) * s.y2 * 1e308 })));
    expect(result.treatment.na).toMatch(/^the estimate is (-?Infinity|NaN): the values are too large for double precision/);
    expect(renderCrossoverAnalysis(result)).toMatch(/^treatment \(A - B\): n\/a, the estimate is Infinity: the values are too large/m);
  });
});
