// The AB/BA analysis at the ends of the double range and without variation: the right number or n/a, never a wrong one.
import { describe, expect, it } from 'vitest';
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
});
