import { describe, expect, it } from 'vitest';
import { pairCrossoverPeriods } from './crossover-pair-periods.js';
import { formatPValue, formatStatistic, renderCrossoverAnalysis, renderMainlandGart } from './crossover-render.js';
import { analyzeCrossover } from './crossover-grizzle.js';
import { analyzeMainlandGart } from './mainland-gart.js';

describe('pairCrossoverPeriods', () => {
  it('pairs period rows into subjects and leaves out those missing a period', () => {
    const paired = pairCrossoverPeriods([
      { subject: 'F1', sequence: 'AB', period: 2, y: 4 },
      { subject: 'F1', sequence: 'AB', period: 1, y: 3 },
      { subject: 'F2', sequence: 'BA', period: 1, y: 5 },
    ]);
    expect(paired.subjects).toEqual([{ subject: 'F1', sequence: 'AB', y1: 3, y2: 4 }]);
    expect(paired.incomplete).toEqual(['F2']);
  });

  it('refuses a repeated period, two sequences for one subject, and a third period', () => {
    expect(() =>
      pairCrossoverPeriods([
        { subject: 'F1', sequence: 'AB', period: 1, y: 1 },
        { subject: 'F1', sequence: 'AB', period: 1, y: 2 },
      ]),
    ).toThrow(/two rows for period 1/);
    expect(() =>
      pairCrossoverPeriods([
        { subject: 'F1', sequence: 'AB', period: 1, y: 1 },
        { subject: 'F1', sequence: 'BA', period: 2, y: 2 },
      ]),
    ).toThrow(/both sequences/);
    expect(() => pairCrossoverPeriods([{ subject: 'F1', sequence: 'AB', period: 3, y: 1 }])).toThrow(/1 or 2/);
  });
});

describe('crossover rendering', () => {
  const subjects = [
    { subject: '1', sequence: 'AB' as const, y1: 310, y2: 270 },
    { subject: '2', sequence: 'AB' as const, y1: 310, y2: 260 },
    { subject: '3', sequence: 'BA' as const, y1: 370, y2: 385 },
    { subject: '4', sequence: 'BA' as const, y1: 310, y2: 400 },
  ];

  it('prints estimate, SE, CI, t, df and p for treatment, period and carryover, with the signs', () => {
    const text = renderCrossoverAnalysis(analyzeCrossover(subjects));
    expect(text).toMatch(/^treatment \(A - B\)\s+48\.7500\s+\S+\s+\[\S+, \S+\]\s+\S+\s+2\s+\S+$/m);
    expect(text).toMatch(/^period \(1 - 2\)\s+/m);
    expect(text).toMatch(/^carryover \(A - B\)\*\s+/m);
    expect(text).toContain('95% CI');
    expect(text).toContain('diagnostic only');
  });

  it('prints the Mainland-Gart table and says which p it is', () => {
    const text = renderMainlandGart(
      analyzeMainlandGart(
        [
          { subject: '1', sequence: 'AB', y1: 1, y2: 0 },
          { subject: '2', sequence: 'BA', y1: 0, y2: 1 },
        ],
        { alpha: 0.1 },
      ),
    );
    expect(text).toContain('p (Fisher exact, two-sided)');
    expect(text).toContain('90% CI');
    expect(text).toMatch(/^ {2}AB\s+1\s+0$/m);
  });

  it('formats tiny, infinite and missing values', () => {
    expect(formatStatistic(0.00012345)).toBe('0.0001234');
    expect(formatStatistic(-Infinity)).toBe('-inf');
    expect(formatStatistic(Number.NaN)).toBe('n/a');
    expect(formatPValue(6.2e-18)).toBe('6.20e-18');
    expect(formatPValue(0.0012048)).toBe('0.0012');
  });
});
