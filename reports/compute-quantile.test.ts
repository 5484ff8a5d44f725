// Nearest-rank quantiles: observed values, floating-point ranks, NaN samples, extreme values.
import { describe, expect, it } from 'vitest';
import { computeQuantile, computeQuantiles } from './compute-quantile.js';

describe('computeQuantile (nearest rank)', () => {
  it('returns an observed value: rank = ceil(p * n)', () => {
    expect(computeQuantile([300, 100, 1000, 200, 400], 0.5)).toBe(300);
    expect(computeQuantile([300, 100, 1000, 200, 400], 0.95)).toBe(1000);
    expect(computeQuantile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(computeQuantile([7], 0.95)).toBe(7);
  });

  it('is not fooled by floating point (0.95 * 20 is 19.000000000000004)', () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(computeQuantile(values, 0.95)).toBe(19);
    expect(computeQuantiles(values, [0.5, 0.95, 1])).toEqual([10, 19, 20]);
  });

  it('gives null for no data and refuses a p outside (0, 1]', () => {
    expect(computeQuantile([], 0.5)).toBeNull();
    expect(() => computeQuantile([1], 0)).toThrow(RangeError);
    expect(() => computeQuantile([1], 1.5)).toThrow(RangeError);
  });

  it('gives NaN (printed n/a) for a sample with a NaN, instead of a rank shifted by the NaN sorted last', () => {
    // Before: [1, NaN, 3] gave 3 as its median (sorted [1, 3, NaN], rank 2).
    expect(computeQuantile([1, Number.NaN, 3], 0.5)).toBeNaN();
    expect(computeQuantiles([1, Number.NaN, 3], [0.5, 0.95])).toEqual([Number.NaN, Number.NaN]);
    expect(() => computeQuantile([Number.NaN], 2)).toThrow(RangeError);
  });

  it('orders values at the ends of the double range and infinities like any other', () => {
    expect(computeQuantile([1e300, 1e-300, -1e300, 5e-324], 0.5)).toBe(5e-324);
    expect(computeQuantile([Infinity, 1, -Infinity], 1)).toBe(Infinity);
  });
});
