// Tests of Holm's step-down adjustment against hand-worked examples.
import { describe, expect, it } from 'vitest';
import { adjustHolm } from './adjust-holm.js';

describe('adjustHolm (Holm 1979)', () => {
  it('matches a hand-worked example, in the input order', () => {
    // Sorted: 0.005 (x4 = 0.02), 0.01 (x3 = 0.03), 0.03 (x2 = 0.06), 0.04 (x1 = 0.04, raised to 0.06 by the running max).
    const adjusted = adjustHolm([0.01, 0.04, 0.03, 0.005]);
    for (const [i, expected] of [0.03, 0.06, 0.06, 0.02].entries()) expect(adjusted[i]).toBeCloseTo(expected, 15);
  });

  it('matches a six-test family worked by hand, monotone and capped at 1', () => {
    // 6 x 0.0002 = 0.0012; 5 x 0.009 = 0.045; 4 x 0.011 = 0.044 -> 0.045; 3 x 0.04 = 0.12; 2 x 0.2 = 0.4; 1 x 0.5 = 0.5.
    const adjusted = adjustHolm([0.5, 0.0002, 0.2, 0.011, 0.04, 0.009]);
    for (const [i, expected] of [0.5, 0.0012, 0.4, 0.045, 0.12, 0.045].entries()) expect(adjusted[i]).toBeCloseTo(expected, 15);
    const capped = adjustHolm([0.3, 0.6, 0.9]);
    expect(capped[0]).toBeCloseTo(0.9, 15);
    expect(capped.slice(1)).toEqual([1, 1]);
  });

  it('keeps ties equal, a single p unchanged, and an empty family empty', () => {
    expect(adjustHolm([0.02, 0.02, 0.5])).toEqual([0.06, 0.06, 0.5]);
    expect(adjustHolm([0.037])).toEqual([0.037]);
    expect(adjustHolm([])).toEqual([]);
  });

  it('leaves a NaN p NaN but counts it in the family size', () => {
    const adjusted = adjustHolm([0.01, Number.NaN, 0.02]);
    expect(adjusted[0]).toBeCloseTo(0.03, 15);
    expect(adjusted[1]).toBeNaN();
    expect(adjusted[2]).toBeCloseTo(0.04, 15);
  });

  it('refuses a p outside [0, 1]', () => {
    expect(() => adjustHolm([0.2, 1.5])).toThrow(/must be in \[0, 1\] or NaN, got 1.5/);
    expect(() => adjustHolm([-0.1])).toThrow(/got -0.1/);
  });
});
