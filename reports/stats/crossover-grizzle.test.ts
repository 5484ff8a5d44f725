import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/index.js';
import { analyzeCrossover, type CrossoverSubject } from './crossover-grizzle.js';
import { fitLeastSquares } from './crossover-least-squares.js';
import { analyzeWilliams } from './williams-analysis.js';
import type { TEstimate } from './crossover-estimate.js';

/**
 * Senn (2002) Cross-over Trials in Clinical Research, 2nd ed., ch. 3 (Table 3.1): 13 children with asthma,
 * PEF (l/min) 8 h after formoterol (A) or salbutamol (B); 7 in for/sal (AB), 6 in sal/for (BA). Data as
 * printed in SAS/STAT's PROC TTEST "AB/BA Crossover Design" example, which reproduces Senn's analysis.
 */
const SENN: CrossoverSubject[] = [
  ...[
    [310, 270],
    [310, 260],
    [370, 300],
    [410, 390],
    [250, 210],
    [380, 350],
    [330, 365],
  ].map(([y1, y2], i) => ({ subject: `fs${i + 1}`, sequence: 'AB' as const, y1: y1 as number, y2: y2 as number })),
  ...[
    [370, 385],
    [310, 400],
    [380, 410],
    [290, 320],
    [260, 340],
    [90, 220],
  ].map(([y1, y2], i) => ({ subject: `sf${i + 1}`, sequence: 'BA' as const, y1: y1 as number, y2: y2 as number })),
];

/**
 * Jones & Kenward, Design and Analysis of Cross-Over Trials (3rd ed. 2014), Example 2.1, Table 2.1: mean
 * morning PEFR (l/min) in a COPD trial of drug A against placebo B; 27 subjects in AB, 29 in BA (the two
 * subjects with missing periods are left out, as in the book). Transcribed from the `xover` R package
 * (mjg211/xover, data-raw/pefr.csv). Rows: subject, sequence, period 1, period 2.
 */
const JK_PEFR_ROWS: [number, 'AB' | 'BA', number, number][] = [
  [3, 'BA', 138.333, 138.571],
  [7, 'AB', 121.905, 116.667],
  [8, 'AB', 218.5, 200.5],
  [9, 'AB', 235, 217.143],
  [10, 'BA', 225, 256.25],
  [11, 'BA', 392.857, 381.429],
  [13, 'AB', 250, 196.429],
  [14, 'AB', 186.19, 185.5],
  [15, 'AB', 231.563, 221.842],
  [16, 'BA', 190, 233.333],
  [17, 'AB', 443.25, 420.5],
  [18, 'BA', 191.429, 228],
  [21, 'AB', 198.421, 207.692],
  [22, 'AB', 270.5, 213.158],
  [23, 'BA', 226.19, 267.143],
  [24, 'BA', 201.905, 193.5],
  [26, 'BA', 134.286, 128.947],
  [27, 'BA', 238, 248.5],
  [28, 'AB', 360.476, 384],
  [29, 'BA', 159.5, 140],
  [30, 'BA', 232.75, 276.563],
  [32, 'BA', 172.308, 170],
  [33, 'BA', 266, 305],
  [35, 'AB', 229.75, 188.25],
  [36, 'AB', 159.091, 221.905],
  [37, 'AB', 255.882, 253.571],
  [38, 'AB', 279.048, 267.619],
  [39, 'BA', 171.333, 186.333],
  [41, 'AB', 160.556, 163],
  [43, 'BA', 194.737, 191.429],
  [44, 'AB', 172.105, 182.381],
  [47, 'BA', 200, 222.619],
  [51, 'BA', 146.667, 183.81],
  [52, 'BA', 208, 241.667],
  [55, 'BA', 208.75, 218.81],
  [58, 'AB', 267, 313],
  [59, 'BA', 271.429, 225],
  [66, 'AB', 230.75, 211.111],
  [68, 'BA', 143.81, 188.5],
  [70, 'BA', 104.444, 135.238],
  [71, 'AB', 271.19, 257.619],
  [74, 'BA', 145.238, 152.857],
  [76, 'AB', 276.25, 222.105],
  [77, 'BA', 215.385, 240.476],
  [78, 'BA', 306, 288.333],
  [79, 'AB', 398.75, 404],
  [80, 'AB', 67.778, 70.278],
  [81, 'AB', 195, 223.158],
  [82, 'AB', 325, 306.667],
  [83, 'BA', 160.526, 150.476],
  [84, 'BA', 353.81, 369.048],
  [85, 'BA', 293.889, 308.095],
  [86, 'AB', 368.077, 362.5],
  [89, 'AB', 228.947, 227.895],
  [90, 'AB', 236.667, 220],
  [99, 'BA', 371.19, 404.762],
];
const JK_PEFR: CrossoverSubject[] = JK_PEFR_ROWS.map(([id, sequence, y1, y2]) => ({ subject: String(id), sequence, y1, y2 }));

function expectEstimate(actual: TEstimate, expected: Omit<TEstimate, 'df'> & { df: number }): void {
  expect(actual.estimate).toBeCloseTo(expected.estimate, 6);
  expect(actual.se).toBeCloseTo(expected.se, 6);
  expect(actual.t).toBeCloseTo(expected.t, 6);
  expect(actual.df).toBe(expected.df);
  expect(actual.p).toBeCloseTo(expected.p, 7); // jStat's t cdf is good to ~1e-8
  expect(actual.ciLow).toBeCloseTo(expected.ciLow, 6);
  expect(actual.ciHigh).toBeCloseTo(expected.ciHigh, 6);
}

describe('analyzeCrossover (Grizzle AB/BA)', () => {
  // Expected values from an independent computation: SciPy 1.17 `ttest_ind` (pooled variance) on the half period
  // differences (treatment; period with BA's sign flipped) and on the subject totals (carryover); the OLS test below
  // is a third route. Rounded, these are the figures of Senn's chapter 3 and of the SAS example (46.6, t 4.32, 11 df).
  it("reproduces Senn's formoterol/salbutamol analysis", () => {
    const result = analyzeCrossover(SENN);
    expect(result.groups.AB.meanDifference).toBeCloseTo(30.714286, 6);
    expect(result.groups.BA.meanDifference).toBeCloseTo(-62.5, 10);
    expectEstimate(result.treatment, {
      estimate: 46.607143,
      se: 10.77656,
      t: 4.324863,
      df: 11,
      p: 0.0012048475,
      ciLow: 22.888095,
      ciHigh: 70.326191,
    });
    expectEstimate(result.period, {
      estimate: -15.892857,
      se: 10.77656,
      t: -1.474762,
      df: 11,
      p: 0.1683140786,
      ciLow: -39.611905,
      ciHigh: 7.826191,
    });
    expectEstimate(result.carryover, {
      estimate: 14.404762,
      se: 80.405293,
      t: 0.179152,
      df: 11,
      p: 0.8610756366,
      ciLow: -162.566094,
      ciHigh: 191.375618,
    });
  });

  // Expected values from SciPy as above; rounded, the book's treatment estimate is 10.40 on 54 df.
  it("reproduces Jones & Kenward's Example 2.1 (PEFR)", () => {
    const result = analyzeCrossover(JK_PEFR);
    expect(result.groups.AB.n).toBe(27);
    expect(result.groups.BA.n).toBe(29);
    expect(result.pooledSdDifference ** 2 / 4).toBeCloseTo(163.1216, 4); // variance of the half differences
    expectEstimate(result.treatment, {
      estimate: 10.402583,
      se: 3.415615,
      t: 3.045596,
      df: 54,
      p: 0.0035866652,
      ciLow: 3.554688,
      ciHigh: 17.250478,
    });
    expectEstimate(result.period, {
      estimate: -3.767176,
      se: 3.415615,
      t: -1.102928,
      df: 54,
      p: 0.2749497727,
      ciLow: -10.615071,
      ciHigh: 3.08072,
    });
    expectEstimate(result.carryover, {
      estimate: 38.888453,
      se: 41.008335,
      t: 0.948306,
      df: 54,
      p: 0.3471983953,
      ciLow: -43.328309,
      ciHigh: 121.105216,
    });
  });

  it.each([
    ['Senn', SENN],
    ['Jones & Kenward', JK_PEFR],
  ])('equals the OLS fit of y = subject + period + treatment on %s', (_name, subjects) => {
    const observations = subjects.flatMap((s) => [
      { subject: s.subject, period: 1, treatment: s.sequence[0] as string, y: s.y1 },
      { subject: s.subject, period: 2, treatment: s.sequence[1] as string, y: s.y2 },
    ]);
    const ols = analyzeWilliams(observations, { reference: 'B' });
    const grizzle = analyzeCrossover(subjects);
    const contrast = ols.contrasts[0];
    expect(contrast?.treatment).toBe('A');
    for (const key of ['estimate', 'se', 't', 'df', 'p', 'ciLow', 'ciHigh'] as const)
      expect(contrast?.[key]).toBeCloseTo(grizzle.treatment[key], 9);
  });

  it('estimates the carryover as the two-sample contrast of the totals, matching a direct least-squares fit', () => {
    const x = JK_PEFR.map((s) => [1, s.sequence === 'AB' ? 1 : 0]);
    const fit = fitLeastSquares(
      x,
      JK_PEFR.map((s) => s.y1 + s.y2),
    );
    const result = analyzeCrossover(JK_PEFR);
    expect(result.carryover.estimate).toBeCloseTo(fit.coefficients[1] as number, 9);
    expect(result.carryover.se).toBeCloseTo(Math.sqrt(fit.sigma2 * (fit.unscaledCovariance[1]?.[1] as number)), 9);
  });

  it('states the sign conventions: relabelling A and B negates the treatment and carryover, not the period', () => {
    const swapped = SENN.map((s) => ({ ...s, sequence: s.sequence === 'AB' ? ('BA' as const) : ('AB' as const) }));
    const a = analyzeCrossover(SENN);
    const b = analyzeCrossover(swapped);
    expect(b.treatment.estimate).toBeCloseTo(-a.treatment.estimate, 10);
    expect(b.carryover.estimate).toBeCloseTo(-a.carryover.estimate, 10);
    expect(b.period.estimate).toBeCloseTo(a.period.estimate, 10);
    expect(a.conventions.treatment).toMatch(/^A - B/);
    expect(a.notes[0]).toMatch(/diagnostic only.*Freeman 1989.*Senn/);
  });

  it('widens the CI with a smaller alpha and keeps the p', () => {
    const wide = analyzeCrossover(SENN, { alpha: 0.01 });
    // t(0.995, 11) = 3.105807
    expect(wide.treatment.ciLow).toBeCloseTo(46.607143 - 3.105807 * 10.77656, 3);
    expect(wide.treatment.p).toBeCloseTo(0.0012048475, 9);
  });

  it('refuses data without both sequences, and a bad alpha', () => {
    expect(() => analyzeCrossover(SENN.filter((s) => s.sequence === 'AB'))).toThrow(AppError);
    expect(() => analyzeCrossover(SENN.slice(6, 8))).toThrow(/three in all/);
    expect(() => analyzeCrossover(SENN, { alpha: 1 })).toThrow(/alpha/);
  });
});
