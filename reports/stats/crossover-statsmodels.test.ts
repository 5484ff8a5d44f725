// The k-treatment crossover with first-order carryover against statsmodels' OLS (fixture written by test-fixtures/crossover_statsmodels.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeWilliams, type PeriodObservation } from './williams-analysis.js';

interface Expected {
  estimate: number;
  se: number;
  t: number;
  df: number;
  p: number;
  ciLow: number;
  ciHigh: number;
}
interface Case {
  observations: (PeriodObservation & { sequence: string })[];
  expected: {
    observations: number;
    df: number;
    residualSd: number;
    pairwise: (Expected & { a: string; b: string; pHolm: number })[];
    carryover: (Expected & { treatment: string; reference: string })[];
  };
}

/** statsmodels 0.13.5 (Debian's python3-statsmodels): y ~ C(subject) + C(period) + C(treatment) + C(carry), carry 'none' in period 1. */
const FIXTURES = JSON.parse(readFileSync(new URL('./test-fixtures/crossover-statsmodels.json', import.meta.url), 'utf8')) as Record<
  string,
  Case
>;

const FIELDS = ['estimate', 'se', 't', 'p', 'ciLow', 'ciHigh'] as const;

/** The largest |ours - statsmodels'| over every pairwise contrast and carryover estimate (and their SE, t, p, CI, Holm p). */
function compareWithStatsmodels(name: string): { worst: number; where: string } {
  const { observations, expected } = FIXTURES[name] as Case;
  const result = analyzeWilliams(observations.map(({ sequence: _sequence, ...o }) => o));
  expect(result.carryover.fitted).toBe(true);
  expect(result.observations).toBe(expected.observations);
  expect(result.df).toBe(expected.df);
  let worst = Math.abs(result.residualSd - expected.residualSd);
  let where = 'residual SD';
  const note = (actual: number, wanted: number, label: string): void => {
    expect(Number.isFinite(actual), label).toBe(true);
    if (Math.abs(actual - wanted) > worst) [worst, where] = [Math.abs(actual - wanted), label];
  };
  expect(result.pairwise.map((c) => `${c.a}-${c.b}`)).toEqual(expected.pairwise.map((c) => `${c.a}-${c.b}`));
  result.pairwise.forEach((c, i) => {
    const e = expected.pairwise[i] as Case['expected']['pairwise'][number];
    expect(c.df).toBe(e.df);
    for (const key of FIELDS) note(c[key], e[key], `${c.a} - ${c.b} ${key}`);
    note(c.pHolm, e.pHolm, `${c.a} - ${c.b} Holm p`);
  });
  expect(result.carryover.estimates.map((c) => `${c.treatment}-${c.reference}`)).toEqual(
    expected.carryover.map((c) => `${c.treatment}-${c.reference}`),
  );
  result.carryover.estimates.forEach((c, i) => {
    const e = expected.carryover[i] as Case['expected']['carryover'][number];
    for (const key of FIELDS) note(c[key], e[key], `carryover of ${c.treatment} ${key}`);
  });
  return { worst, where };
}

describe('analyzeWilliams with carryover against statsmodels OLS', () => {
  it.each([
    ['williams-4', 'a 4x4 Williams square x 3 with planted carryover'],
    ['williams-4-dropouts', 'the same with four periods dropped'],
    ['senn-3', "Senn's three-treatment asthma trial"],
  ])('%s (%s): every contrast, SE, t, p, CI, Holm p and carryover estimate within 1e-6', (name) => {
    const { worst, where } = compareWithStatsmodels(name);
    expect(worst, `largest difference at ${where}`).toBeLessThan(1e-6);
  });
});
