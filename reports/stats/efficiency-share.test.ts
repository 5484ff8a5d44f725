import { describe, expect, it } from 'vitest';
import { computeEfficiencyShare, computeShareGap, convertGapToRatio, convertRelativeToGap } from './efficiency-share.js';

describe('the efficiency share', () => {
  it('is A over the sum, 0.5 when both scored nothing, and null for impossible efficiencies', () => {
    expect(computeEfficiencyShare(3, 1)).toBe(0.75);
    expect(computeEfficiencyShare(0, 0)).toBe(0.5);
    expect(computeEfficiencyShare(0, 5)).toBe(0);
    expect(computeEfficiencyShare(-1, 5)).toBeNull();
    expect(computeEfficiencyShare(Number.NaN, 5)).toBeNull();
    expect(computeEfficiencyShare(Number.POSITIVE_INFINITY, 5)).toBeNull();
  });

  it('stays finite when the sum of two huge efficiencies overflows', () => {
    expect(computeEfficiencyShare(1.5e308, 1.5e308)).toBe(0.5);
    expect(computeEfficiencyShare(1e-320, 3e-320)).toBeCloseTo(0.25, 2);
  });

  it('turns a relative difference into a gap and a gap back into a ratio', () => {
    expect(convertRelativeToGap(0.2)).toBeCloseTo(0.2 / 2.2, 12);
    expect(convertGapToRatio(convertRelativeToGap(0.2))).toBeCloseTo(1.2, 12);
    expect(computeShareGap(1.2, 1)).toBeCloseTo(convertRelativeToGap(0.2), 12);
    expect(convertGapToRatio(1)).toBeNull();
    expect(Number.isNaN(convertRelativeToGap(-1))).toBe(true);
  });
});
