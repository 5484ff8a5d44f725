import { describe, expect, it } from 'vitest';
import { analyzeWilliams, type PeriodObservation } from './williams-analysis.js';
import { createWilliamsDesign } from './williams-design.js';

/**
 * Senn (2002), Table 5.2: exercise-induced asthma, FEV1 (ml) after placebo (P), formoterol (F) and salbutamol
 * (S) in a three-period crossover using all six sequences (the two Williams squares for three treatments),
 * 30 patients. Transcribed from the xover R package (mjg211/xover, data-raw/eia.csv).
 * Rows: patient, sequence, FEV1 in periods 1, 2, 3.
 */
const EIA: [number, string, number, number, number][] = [
  [1, 'FSP', 3500, 3200, 2900],
  [2, 'FPS', 3100, 1800, 2400],
  [3, 'SFP', 2100, 3200, 1000],
  [4, 'SPF', 2200, 1100, 2600],
  [5, 'PSF', 900, 1900, 2900],
  [6, 'PFS', 2200, 2500, 2400],
  [7, 'PSF', 1500, 2600, 2000],
  [8, 'SPF', 2800, 2000, 2800],
  [9, 'PFS', 2200, 3200, 3300],
  [10, 'FSP', 3400, 2800, 2200],
  [11, 'FPS', 2800, 1600, 2200],
  [12, 'SFP', 1600, 2300, 1600],
  [13, 'PFS', 800, 1400, 1000],
  [14, 'FPS', 3100, 1600, 1400],
  [15, 'PSF', 1200, 2200, 2700],
  [16, 'SPF', 2400, 1700, 3400],
  [17, 'FSP', 2300, 2200, 1700],
  [18, 'SFP', 1600, 1400, 800],
  [19, 'FPS', 2300, 1500, 2200],
  [20, 'PFS', 950, 1320, 1480],
  [21, 'FSP', 2300, 1300, 1400],
  [22, 'PSF', 2400, 2600, 3800],
  [23, 'FSP', 3000, 2400, 1800],
  [24, 'SFP', 3100, 3200, 1000],
  [25, 'FPS', 3000, 1700, 2600],
  [26, 'PFS', 1700, 2600, 2400],
  [27, 'SFP', 2800, 3100, 2000],
  [28, 'FPS', 3100, 2100, 2800],
  [30, 'PSF', 1900, 2700, 2800],
  [31, 'PFS', 1400, 2500, 2200],
];

function toObservations(rows: typeof EIA): PeriodObservation[] {
  return rows.flatMap(([patient, sequence, ...ys]) =>
    ys.map((y, i) => ({ subject: String(patient), period: i + 1, treatment: sequence[i] as string, y })),
  );
}

describe('analyzeWilliams without carryover (y = subject + period + treatment, OLS)', () => {
  // Expected values from an independent computation: numpy 2.4 `lstsq` on the same dummy-coded model,
  // covariance sigma^2 (X'X)^-1 by numpy `inv`, t quantiles and p from SciPy 1.17.
  it("reproduces the fixed-effects analysis of Senn's exercise-induced asthma trial", () => {
    const result = analyzeWilliams(toObservations(EIA), { reference: 'P', carryover: false });
    expect(result.method).toBe('ols-subject-period-treatment');
    expect(result.carryover).toMatchObject({ fitted: false, estimates: [] });
    expect(result.carryover.note).toMatch(/^Carryover was not requested.*not used equally often/);
    expect(result.df).toBe(56);
    expect(result.subjects).toBe(30);
    expect(result.observations).toBe(90);
    expect(result.residualSd).toBeCloseTo(339.3692517791529, 8);
    const [f, s] = result.contrasts;
    expect(f?.treatment).toBe('F');
    expect(f?.estimate).toBeCloseTo(1103.4637950017, 8);
    expect(f?.se).toBeCloseTo(87.820799468397, 8);
    expect(f?.t).toBeCloseTo(12.564948186321, 8);
    expect(f?.p).toBeCloseTo(6.2205604348e-18, 25);
    expect(f?.ciLow).toBeCloseTo(927.53759354, 5);
    expect(f?.ciHigh).toBeCloseTo(1279.3899965, 5);
    expect(s?.treatment).toBe('S');
    expect(s?.estimate).toBeCloseTo(680.84181711235, 8);
    expect(s?.se).toBeCloseTo(87.969020332458, 8);
    expect(s?.t).toBeCloseTo(7.7395634797258, 8);
    expect(s?.p).toBeCloseTo(2.0764750179e-10, 16);
    expect(s?.ciLow).toBeCloseTo(504.61869359, 5);
    expect(s?.ciHigh).toBeCloseTo(857.06494064, 5);
    // Six sequences, but not equally often (5, 6, 6, 5, 5, 3 patients): Williams sequences, unequal replication.
    expect(result.design).toBe('williams-unequal-replication');
  });

  it('takes another reference', () => {
    const result = analyzeWilliams(toObservations(EIA), { reference: 'F', carryover: false });
    const s = result.contrasts.find((c) => c.treatment === 'S');
    expect(s?.estimate).toBeCloseTo(-422.62197788939, 8);
    expect(s?.se).toBeCloseTo(88.264715352288, 8);
    expect(s?.p).toBeCloseTo(1.272672321e-5, 12);
  });

  it('recovers planted effects exactly from noise-free data on a generated Williams design', () => {
    const treatments = ['a', 'b', 'c', 'd'];
    const effects: Record<string, number> = { a: 0, b: 2, c: -1, d: 0.5 };
    const observations = createWilliamsDesign(treatments).flatMap((sequence, subject) =>
      sequence.map((treatment, period) => ({
        subject: `s${subject}`,
        period: period + 1,
        treatment,
        y: 10 + subject + 0.3 * period + (effects[treatment] as number),
      })),
    );
    const result = analyzeWilliams(observations);
    expect(result.reference).toBe('a');
    expect(result.design).toBe('williams');
    for (const c of result.contrasts) expect(c.estimate).toBeCloseTo(effects[c.treatment] as number, 10);
    expect(result.residualSd).toBeCloseTo(0, 10);
  });

  it('refuses an unknown reference, a repeated period and a design that cannot separate the effects', () => {
    const observations = toObservations(EIA);
    expect(() => analyzeWilliams(observations, { reference: 'X' })).toThrow(/not in the data/);
    expect(() => analyzeWilliams([...observations, { subject: '1', period: 1, treatment: 'P', y: 1 }])).toThrow(
      /two observations in period 1/,
    );
    // Every subject gets the same sequence: treatment is confounded with period.
    const confounded = ['s1', 's2', 's3'].flatMap((subject) =>
      ['P', 'F', 'S'].map((treatment, i) => ({ subject, period: i + 1, treatment, y: i + subject.length })),
    );
    expect(() => analyzeWilliams(confounded)).toThrow(/cannot separate/);
  });
});
