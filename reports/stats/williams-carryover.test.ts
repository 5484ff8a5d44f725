// Tests of analyzeWilliams with first-order carryover and all pairwise contrasts, against an independent numpy/scipy fit.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeWilliams, type PeriodObservation, type WilliamsAnalysis } from './williams-analysis.js';
import { createWilliamsDesign } from './williams-design.js';

interface ExpectedEstimate {
  estimate: number;
  se: number;
  t: number;
  p: number;
  ciLow: number;
  ciHigh: number;
}
interface Case {
  observations: PeriodObservation[];
  expected: {
    carryoverFitted: boolean;
    df: number;
    observations: number;
    residualSd: number;
    means: { treatment: string; lsMean: number }[];
    pairwise: (ExpectedEstimate & { a: string; b: string; pHolm: number; simultaneousLow: number; simultaneousHigh: number })[];
    carryover: (ExpectedEstimate & { treatment: string })[];
  };
}

/** Written by test-fixtures/williams_carryover.py (numpy lstsq on another parametrisation, scipy t; see there). */
const FIXTURES = JSON.parse(readFileSync(new URL('./test-fixtures/williams-carryover.json', import.meta.url), 'utf8')) as Record<
  string,
  Case
>;

/** |actual - expected| <= rel * |expected|. */
function expectRelative(actual: number | undefined, expected: number, rel: number, what: string): void {
  expect(Number.isFinite(actual), what).toBe(true);
  expect(Math.abs((actual as number) - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(rel * Math.abs(expected));
}

/** Estimates, SEs and t agree to ~1e-13 (both QR/lstsq); p and intervals to 1e-8 (jStat's t cdf and quantile). */
function expectMatchesFixture(result: WilliamsAnalysis, expected: Case['expected']): void {
  expect(result.carryover.fitted).toBe(expected.carryoverFitted);
  expect(result.df).toBe(expected.df);
  expect(result.observations).toBe(expected.observations);
  expectRelative(result.residualSd, expected.residualSd, 1e-10, 'residual SD');
  const means = new Map(result.means.map((m) => [m.treatment, m.lsMean]));
  for (const m of expected.means) expectRelative(means.get(m.treatment), m.lsMean, 1e-10, `least-squares mean of ${m.treatment}`);
  expect(result.pairwise.map((c) => `${c.a}-${c.b}`)).toEqual(expected.pairwise.map((c) => `${c.a}-${c.b}`));
  result.pairwise.forEach((c, i) => {
    const e = expected.pairwise[i] as Case['expected']['pairwise'][number];
    for (const key of ['estimate', 'se', 't'] as const) expectRelative(c[key], e[key], 1e-10, `${c.a}-${c.b} ${key}`);
    for (const key of ['p', 'pHolm', 'ciLow', 'ciHigh', 'simultaneousLow', 'simultaneousHigh'] as const)
      expectRelative(c[key], e[key], 1e-8, `${c.a}-${c.b} ${key}`);
  });
  expect(result.carryover.estimates.map((c) => c.treatment)).toEqual(expected.carryover.map((c) => c.treatment));
  result.carryover.estimates.forEach((c, i) => {
    const e = expected.carryover[i] as ExpectedEstimate;
    for (const key of ['estimate', 'se', 't'] as const) expectRelative(c[key], e[key], 1e-10, `carryover of ${c.treatment} ${key}`);
    for (const key of ['p', 'ciLow', 'ciHigh'] as const) expectRelative(c[key], e[key], 1e-8, `carryover of ${c.treatment} ${key}`);
  });
}

function fixture(name: string): Case {
  const found = FIXTURES[name];
  if (!found) throw new Error(`no fixture ${name}: rerun test-fixtures/williams_carryover.py`);
  return found;
}

describe('analyzeWilliams with first-order carryover, against an independent least-squares fit', () => {
  it.each(['three', 'four', 'eia'])('fits carryover on the complete %s dataset and matches numpy/scipy', (name) => {
    const { observations, expected } = fixture(name);
    const result = analyzeWilliams(observations);
    expect(result.method).toBe('ols-subject-period-treatment-carryover');
    expect(result.carryover.note).toMatch(/^First-order carryover fitted/);
    expectMatchesFixture(result, expected);
  });

  it('recovers the planted treatment and carryover effects (3 providers: a +0.8 over b, +1.3 over c; carryover b +0.6, c -0.5)', () => {
    const result = analyzeWilliams(fixture('three').observations);
    const planted: Record<string, number> = { 'sim-a-sim-b': 0.8, 'sim-a-sim-c': 1.3, 'sim-b-sim-c': 0.5 };
    for (const c of result.pairwise) expect(Math.abs(c.estimate - (planted[`${c.a}-${c.b}`] as number))).toBeLessThan(3 * c.se);
    const carry: Record<string, number> = { 'sim-b': 0.6, 'sim-c': -0.5 };
    for (const c of result.carryover.estimates) expect(Math.abs(c.estimate - (carry[c.treatment] as number))).toBeLessThan(3 * c.se);
    expect(result.carryover.estimates.every((c) => c.reference === 'sim-a' && c.p < 0.01)).toBe(true);
  });

  it('handles dropouts: observations after a gap are left out of the carryover fit, and the numbers still match', () => {
    const { observations, expected } = fixture('four-dropouts');
    const result = analyzeWilliams(observations);
    expect(result.carryover.leftOut).toBe(2);
    expect(result.carryover.note).toMatch(/2 observation\(s\) whose previous period is unknown left out/);
    expect(result.design).toBe('other');
    expectMatchesFixture(result, expected);
  });

  it('falls back on AB/BA, where carryover is aliased with the sequence, and says why', () => {
    const { observations, expected } = fixture('ab-ba');
    const result = analyzeWilliams(observations);
    expect(result.carryover.fitted).toBe(false);
    expect(result.carryover.note).toMatch(
      /carryover of sim-b is aliased with the subject, period and treatment effects \(with two periods/,
    );
    expect(result.carryover.note).toMatch(/balance is relied on/);
    expectMatchesFixture(result, expected);
    expect(() => analyzeWilliams(observations, { carryover: true })).toThrow(/cannot fit carryover: carryover is not estimable/);
  });

  it('falls back when the carryover model leaves no residual df (one 3x3 Latin square, 3 subjects)', () => {
    // 9 observations; with carryover 1 + 2 subjects + 2 periods + 2 treatments + 2 carryovers = 9 parameters, without it 7 (df 2).
    const observations = createWilliamsDesign(['a', 'b', 'c'])
      .slice(0, 3)
      .flatMap((sequence, s) => sequence.map((treatment, p) => ({ subject: `s${s}`, period: p + 1, treatment, y: s + p + ((s * p) % 3) })));
    const result = analyzeWilliams(observations);
    expect(result.carryover.fitted).toBe(false);
    expect(result.carryover.note).toMatch(
      /9 observations for 9 parameters leave no residual degrees of freedom; .*not balanced for carryover/,
    );
  });

  it('gives every contrast as n/a with a reason when the model fits exactly (zero residual variance), yet recovers the effects', () => {
    const tau: Record<string, number> = { a: 0, b: 2, c: -1, d: 0.5 };
    const lambda: Record<string, number> = { a: 0, b: 0.7, c: -0.2, d: 0.4 };
    const observations = createWilliamsDesign(['a', 'b', 'c', 'd']).flatMap((sequence, s) =>
      sequence.map((treatment, p) => ({
        subject: `s${s}`,
        period: p + 1,
        treatment,
        y: 10 + s + 0.3 * p + (tau[treatment] as number) + (p > 0 ? (lambda[sequence[p - 1] as string] as number) : 0),
      })),
    );
    const result = analyzeWilliams(observations);
    expect(result.carryover.fitted).toBe(true);
    expect(result.residualSd).toBe(0);
    for (const c of result.carryover.estimates) expect(c.estimate).toBeCloseTo(lambda[c.treatment] as number, 9);
    for (const c of result.pairwise) {
      expect(c.estimate).toBeCloseTo((tau[c.a] as number) - (tau[c.b] as number), 9);
      expect(c.na).toMatch(/standard error 0/);
      expect(c.pHolm).toBeNaN();
      expect(c.simultaneousLow).toBeNaN();
    }
    // Without the carryover term the same data give biased contrasts: the bias carryover exists to remove.
    const plain = analyzeWilliams(observations, { carryover: false });
    const ab = plain.pairwise.find((c) => c.a === 'a' && c.b === 'b');
    expect(ab?.estimate).toBeCloseTo(-2 - (0 - 0.7) / 4, 9);
  });

  it('orders pairwise contrasts from the reference and makes the simultaneous intervals wider than the single ones', () => {
    const result = analyzeWilliams(fixture('four').observations, { reference: 'sim-c' });
    expect(result.pairwise.map((c) => `${c.a}-${c.b}`)).toEqual([
      'sim-c-sim-a',
      'sim-c-sim-b',
      'sim-c-sim-d',
      'sim-a-sim-b',
      'sim-a-sim-d',
      'sim-b-sim-d',
    ]);
    for (const c of result.pairwise) {
      expect(c.simultaneousLow).toBeLessThan(c.ciLow);
      expect(c.simultaneousHigh).toBeGreaterThan(c.ciHigh);
      expect(c.pHolm).toBeGreaterThanOrEqual(c.p);
    }
    // Contrasts do not depend on the reference: a - b is the same whichever treatment is the baseline.
    const byDefault = analyzeWilliams(fixture('four').observations).pairwise.find((c) => c.a === 'sim-a' && c.b === 'sim-b');
    expect(result.pairwise[3]?.estimate).toBeCloseTo(byDefault?.estimate as number, 10);
    expect(result.pairwise[3]?.se).toBeCloseTo(byDefault?.se as number, 10);
  });
});
