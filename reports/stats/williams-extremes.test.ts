// The least-squares crossover at the ends of the double range and on an exact fit: the right number, or n/a with its reason.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderWilliamsAnalysis } from './crossover-render.js';
import { analyzeWilliams, type PeriodObservation } from './williams-analysis.js';
import { createWilliamsDesign } from './williams-design.js';

const THREE = (
  JSON.parse(readFileSync(new URL('./test-fixtures/williams-carryover.json', import.meta.url), 'utf8')) as {
    three: { observations: PeriodObservation[] };
  }
).three.observations;

describe('analyzeWilliams across scales', () => {
  const plain = analyzeWilliams(THREE);
  it.each([1e200, 1e-200, 1e300, 1e-300])('gives the same t and p, and scaled estimates, with every y times %d', (factor) => {
    // Before: the residual sum of squares overflowed (underflowed), was snapped to 0 and every contrast said
    // "no variation within the sequences (standard error 0)".
    const scaled = analyzeWilliams(THREE.map((o) => ({ ...o, y: o.y * factor })));
    expect(scaled.residualSd / factor).toBeCloseTo(plain.residualSd, 12);
    scaled.pairwise.forEach((c, i) => {
      const before = plain.pairwise[i];
      expect(c.na).toBeUndefined();
      expect(c.estimate / factor).toBeCloseTo(before?.estimate as number, 12);
      expect(c.t).toBeCloseTo(before?.t as number, 10);
      expect(c.pHolm).toBeCloseTo(before?.pHolm as number, 14);
    });
    for (const [i, c] of scaled.carryover.estimates.entries()) expect(c.p).toBeCloseTo(plain.carryover.estimates[i]?.p as number, 14);
  });

  it('says a contrast past the double range is too large for double precision, on its own line', () => {
    // y near ±1.5e308 in alternate subjects: the model fits, but a - b and its interval leave the range.
    const observations = createWilliamsDesign(['a', 'b', 'c', 'd']).flatMap((sequence, s) =>
      sequence.map((treatment, p) => ({
        subject: `s${s}`,
        period: p + 1,
        treatment,
        y: (treatment === 'a' ? 1.5e308 : -1.5e308) * (1 - 0.01 * ((s * 7 + p * 3) % 5)),
      })),
    );
    const text = renderWilliamsAnalysis(
      analyzeWilliams([...observations, ...observations.map((o) => ({ ...o, subject: `${o.subject}'` }))]),
    );
    expect(text).toMatch(/^a - b: n\/a, the estimate is Infinity: the values are too large for double precision/m);
  });
});

describe('renderWilliamsAnalysis', () => {
  it('follows every n/a pair with its reason when the model fits exactly', () => {
    const observations = createWilliamsDesign(['a', 'b', 'c', 'd']).flatMap((sequence, s) =>
      sequence.map((treatment, p) => ({ subject: `s${s}`, period: p + 1, treatment, y: 10 + s + p + 'abcd'.indexOf(treatment) })),
    );
    const text = renderWilliamsAnalysis(analyzeWilliams(observations));
    // Before: the pairwise table printed n/a for p (Holm) with no reason for any pair.
    for (const pair of ['a - b', 'a - c', 'b - d'])
      expect(text).toMatch(new RegExp(`^${pair}: n/a, no variation around the fit: the model fits every observation exactly`, 'm'));
  });
});
