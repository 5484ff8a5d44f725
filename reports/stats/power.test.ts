import { describe, expect, it } from 'vitest';
import { AppError } from '../../ledger/app-error.js';
import { computePower, computePowerFromNoncentrality, computeTestDistribution } from './power.js';

describe('computePower', () => {
  // PRODUCT.md §7 (two-sided, alpha 0.05); the same figures as R's power.t.test.
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
    expect(computeTestDistribution('crossover', 0.5, 35).ncp).toBeCloseTo(2 * 0.5 / Math.sqrt(1 / 17 + 1 / 18), 14);
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
