// Sample size for a target power: R's power.t.test references, crossover balance, extremes and refusals.
import { describe, expect, it } from 'vitest';
import { computePower } from './power.js';
import { computeSampleSize } from './sample-size.js';

describe('computeSampleSize', () => {
  // The docs/product.md#power-references figures are the first n to reach 0.8; R's power.t.test gives 63.77, 25.52, 393.41, 33.37, 89.1.
  it.each([
    ['two-sample', 0.5, 64],
    ['two-sample', 0.8, 26],
    ['two-sample', 0.2, 394],
    ['paired', 0.5, 34],
    ['paired', 0.3, 90],
  ] as const)('%s d=%d needs n=%d for power 0.8', (design, effect, n) => {
    const result = computeSampleSize({ design, effect });
    expect(result.n).toBe(n);
    expect(result.achieved_power).toBeGreaterThanOrEqual(0.8);
    expect(computePower({ design, effect, n: n - 1 }).power).toBeLessThan(0.8);
  });

  it('takes a power and alpha: power.t.test(delta = 0.5, power = 0.9) gives 85.03 -> 86 per group', () => {
    expect(computeSampleSize({ design: 'two-sample', effect: 0.5, power: 0.9 }).n).toBe(86);
    expect(computeSampleSize({ design: 'paired', effect: 0.5, alpha: 0.01 }).n).toBe(51);
  });

  it('gives crossover sizes even (balanced AB/BA)', () => {
    // n = 32 -> 0.7814, n = 33 -> 0.7942 (odd, unbalanced), n = 34 -> 0.8070
    const result = computeSampleSize({ design: 'crossover', effect: 0.5 });
    expect(result).toMatchObject({ n: 34, unit: 'subjects in total' });
    expect(computeSampleSize({ design: 'crossover', effect: 5 }).n).toBe(4);
  });

  it('says how many more are still needed given the sample so far', () => {
    expect(computeSampleSize({ design: 'paired', effect: 0.5, currentN: 20 })).toMatchObject({ n: 34, current_n: 20, still_needed: 14 });
    expect(computeSampleSize({ design: 'paired', effect: 0.5, currentN: 20 }).current_power).toBeCloseTo(
      computePower({ design: 'paired', effect: 0.5, n: 20 }).power,
      14,
    );
    expect(computeSampleSize({ design: 'paired', effect: 0.5, currentN: 50 })).toMatchObject({ still_needed: 0 });
    expect(computeSampleSize({ design: 'paired', effect: 0.5, currentN: 1 })).toMatchObject({ current_power: null, still_needed: 33 });
    expect(computeSampleSize({ design: 'paired', effect: 0.5 })).toMatchObject({ current_n: null, still_needed: null });
  });

  it('handles tiny and huge effects and refuses bad input', () => {
    expect(computeSampleSize({ design: 'two-sample', effect: 0.01 }).n).toBe(156_979);
    expect(computeSampleSize({ design: 'two-sample', effect: 10 }).n).toBe(2);
    expect(() => computeSampleSize({ design: 'two-sample', effect: 1e-6 })).toThrow(/more than 100,000,000/);
    expect(() => computeSampleSize({ design: 'two-sample', effect: 0.5, power: 1 })).toThrow(/between 0 and 1/);
    expect(() => computeSampleSize({ design: 'two-sample', effect: 0.5, currentN: -1 })).toThrow(/whole number/);
  });

  it('answers at the ends of the double range and refuses NaN and infinities, naming the field', () => {
    expect(computeSampleSize({ design: 'paired', effect: 1e300, currentN: 1_000_000 })).toMatchObject({
      n: 2,
      achieved_power: 1,
      still_needed: 0,
      current_power: 1,
    });
    expect(computeSampleSize({ design: 'crossover', effect: 1.7e308 })).toMatchObject({ n: 4, achieved_power: 1 });
    expect(() => computeSampleSize({ design: 'crossover', effect: 1e-300 })).toThrow(
      /an effect of 1e-300 needs more than 100,000,000 subjects in total/,
    );
    expect(() => computeSampleSize({ design: 'paired', effect: Number.NaN })).toThrow(expect.objectContaining({ where: 'effect' }));
    expect(() => computeSampleSize({ design: 'paired', effect: 0.5, power: Number.NaN })).toThrow(
      expect.objectContaining({ where: 'power' }),
    );
    expect(() => computeSampleSize({ design: 'paired', effect: 0.5, currentN: Infinity })).toThrow(
      expect.objectContaining({ where: 'currentN' }),
    );
  });
});
