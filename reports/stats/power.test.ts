// Power of two-sided t tests: R power.t.test references, crossover, SciPy at a million subjects, extremes and refusals.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/app-error.js';
import { computePower, computePowerFromNoncentrality, computeTestDistribution } from './power.js';

describe('computePower', () => {
  // docs/product.md#power-references (two-sided, alpha 0.05); the same figures as R's power.t.test.
  it.each([
    ['two-sample', 0.5, 64, 0.8014596],
    ['two-sample', 0.8, 26, 0.8074866],
    ['two-sample', 0.2, 394, 0.8005931],
    ['paired', 0.5, 34, 0.8077775],
    ['paired', 0.3, 90, 0.8037943],
  ] as const)('%s d=%d n=%d -> %d (to 1e-7)', (design, effect, n, expected) => {
    expect(Math.abs(computePower({ design, effect, n }).power - expected)).toBeLessThan(5e-8);
  });

  it('reports the test distribution it used', () => {
    const result = computePower({ design: 'two-sample', effect: 0.5, n: 64 });
    expect(result).toMatchObject({ df: 126, alpha: 0.05 });
    expect(result.ncp).toBeCloseTo(2.8284271247461903, 14);
    expect(result.t_critical).toBeCloseTo(1.978970601990628, 12);
  });

  it('gives the AB/BA crossover the paired noncentrality with one df fewer', () => {
    // SciPy 1.17 nct with df = n - 2, ncp = 2d / sqrt(1/n1 + 1/n2).
    expect(computePower({ design: 'crossover', effect: 0.5, n: 34 }).power).toBeCloseTo(0.807036715147, 11);
    expect(computePower({ design: 'crossover', effect: 0.5, n: 35 }).power).toBeCloseTo(0.81854665382, 10);
    expect(computePower({ design: 'crossover', effect: 1, n: 4 }).power).toBeCloseTo(0.218307074847, 11);
    const crossover = computeTestDistribution('crossover', 0.5, 34);
    expect(crossover.df).toBe(32);
    expect(crossover.ncp).toBeCloseTo(computeTestDistribution('paired', 0.5, 34).ncp, 14);
    expect(computeTestDistribution('crossover', 0.5, 35).ncp).toBeCloseTo((2 * 0.5) / Math.sqrt(1 / 17 + 1 / 18), 14);
  });

  it('stays exact at large noncentrality (the range where jStat fails) and near alpha at tiny effects', () => {
    expect(computePower({ design: 'two-sample', effect: 2, n: 10_000 }).power).toBe(1);
    expect(computePowerFromNoncentrality(40, 30)).toBeCloseTo(1, 12);
    expect(computePowerFromNoncentrality(40, 1e-9)).toBeCloseTo(0.05, 9);
    expect(computePower({ design: 'paired', effect: 0.5, n: 34, alpha: 0.01 }).power).toBeLessThan(0.8077775);
  });

  it('refuses bad inputs with a BAD_USAGE error naming the field', () => {
    const where = (run: () => unknown): string | undefined => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe('BAD_USAGE');
        return (error as AppError).where;
      }
      return undefined;
    };
    expect(where(() => computePower({ design: 'paired', effect: 0, n: 10 }))).toBe('effect');
    expect(where(() => computePower({ design: 'paired', effect: -0.5, n: 10 }))).toBe('effect');
    expect(where(() => computePower({ design: 'paired', effect: 0.5, n: 1 }))).toBe('n');
    expect(where(() => computePower({ design: 'paired', effect: 0.5, n: 10.5 }))).toBe('n');
    expect(where(() => computePower({ design: 'crossover', effect: 0.5, n: 2 }))).toBe('n');
    expect(where(() => computePower({ design: 'paired', effect: 0.5, n: 10, alpha: 1 }))).toBe('alpha');
    expect(where(() => computePower({ design: 'paired', effect: 0.5, n: 10, alpha: 0 }))).toBe('alpha');
    expect(where(() => computePower({ design: 'parallel' as 'paired', effect: 0.5, n: 10 }))).toBe('design');
  });
});

describe('computePower across the double range', () => {
  // SciPy 1.17 stats.nct (sf + cdf of the two tails) at a million subjects.
  it.each([
    ['paired', 0.002, 1_000_000, 0.5160045086304521],
    ['two-sample', 0.003, 1_000_000, 0.5641156244137029],
    ['crossover', 0.002, 1_000_000, 0.516004508629687],
  ] as const)('%s d=%d n=%d matches SciPy', (design, effect, n, expected) => {
    expect(Math.abs(computePower({ design, effect, n }).power - expected)).toBeLessThan(1e-9);
  });

  it('gives alpha at an effect of 1e-300 and 1 at 1e300 and 1.7e308 (ncp past the double range), with a zero error bound', () => {
    expect(computePower({ design: 'paired', effect: 1e-300, n: 10 }).power).toBeCloseTo(0.05, 14);
    expect(computePower({ design: 'paired', effect: 1e300, n: 10 })).toMatchObject({ power: 1, error_bound: 0 });
    const huge = computePower({ design: 'two-sample', effect: 1.7e308, n: 1_000_000 });
    expect(huge.ncp).toBe(Infinity);
    expect(huge).toMatchObject({ power: 1, error_bound: 0 });
  });

  it('works at alpha 1e-20, where 1 - alpha/2 rounds to 1 (before: t_critical and power NaN)', () => {
    // mpmath (30 digits) quadrature of the noncentral t tail at t = 430.61304066996985 (SciPy t.isf(5e-21, 9)), ncp = 20 sqrt(10).
    const result = computePower({ design: 'paired', effect: 20, n: 10, alpha: 1e-20 });
    expect(result.t_critical).toBeCloseTo(430.61304066996956, 9);
    expect(Math.abs(result.power - 4.92468443906831e-7)).toBeLessThan(1e-10);
  });

  it('refuses NaN and infinite inputs, naming the field', () => {
    expect(() => computePower({ design: 'paired', effect: Number.NaN, n: 10 })).toThrow(expect.objectContaining({ where: 'effect' }));
    expect(() => computePower({ design: 'paired', effect: Infinity, n: 10 })).toThrow(expect.objectContaining({ where: 'effect' }));
    expect(() => computePower({ design: 'paired', effect: 1, n: Number.NaN })).toThrow(expect.objectContaining({ where: 'n' }));
    expect(() => computePower({ design: 'paired', effect: 1, n: 10, alpha: Number.NaN })).toThrow(
      expect.objectContaining({ where: 'alpha' }),
    );
  });
});
