// Variance components against a hand-computed example and the Dyestuff data (Davies 1947; lme4's REML fit).
import { describe, expect, it } from 'vitest';
import { computeVarianceComponents } from './variance-components.js';

// Yield of dyestuff, 6 batches x 5 preparations (Davies 1947, Box & Tiao 1973; R's lme4::Dyestuff).
const DYESTUFF = [
  [1545, 1440, 1440, 1520, 1580],
  [1540, 1555, 1490, 1560, 1495],
  [1595, 1550, 1605, 1510, 1560],
  [1445, 1440, 1595, 1465, 1545],
  [1595, 1630, 1515, 1635, 1625],
  [1520, 1455, 1450, 1480, 1445],
];

describe('computeVarianceComponents', () => {
  it('matches a hand computation: groups {1,3} {5,7} {2,4}', () => {
    // Means 2, 6, 3 (grand 11/3); SSB = 2 (25/9 + 49/9 + 4/9) = 52/3 on 2 df, MSB = 26/3; SSW = 6 on 3 df, MSW = 2;
    // n0 = 2, so sigma_b^2 = (26/3 - 2) / 2 = 10/3, ICC = (10/3) / (16/3) = 0.625, deff = 1 + (2 - 1) 0.625.
    const result = computeVarianceComponents([
      [1, 3],
      [5, 7],
      [2, 4],
    ]);
    expect(result.ms_between).toBeCloseTo(26 / 3, 12);
    expect(result.ms_within).toBeCloseTo(2, 12);
    expect(result.between).toBeCloseTo(10 / 3, 12);
    expect(result.within).toBeCloseTo(2, 12);
    expect(result.icc).toBeCloseTo(0.625, 12);
    expect(result.design_effect).toBeCloseTo(1.625, 12);
    // sigma_b^2 + sigma_w^2 / 2 is the sample variance of the group means (balanced): var(2, 6, 3) = 13/3.
    expect(result.var_group_mean).toBeCloseTo(13 / 3, 12);
    expect(result.na).toBeNull();
  });

  it('reproduces the textbook Dyestuff components: batch 1764.0, residual 2451.25 (lme4 REML = ANOVA when balanced)', () => {
    const result = computeVarianceComponents(DYESTUFF);
    expect(result.grand_mean).toBeCloseTo(1527.5, 10);
    expect(result.ms_between).toBeCloseTo(11271.5, 8);
    expect(result.within).toBeCloseTo(2451.25, 8);
    expect(result.between).toBeCloseTo(1764.05, 8);
    expect(result.icc).toBeCloseTo(1764.05 / (1764.05 + 2451.25), 10);
    expect(result.df_between).toBe(5);
    expect(result.df_within).toBe(24);
  });

  it('uses n0 for unbalanced groups and truncates a negative between part at 0', () => {
    // Group means equal (2, 2): MSB = 0 < MSW, so sigma_b^2 = 0 and the ICC is 0.
    const flat = computeVarianceComponents([
      [1, 3],
      [0, 2, 4],
    ]);
    expect(flat.between).toBe(0);
    expect(flat.icc).toBe(0);
    expect(flat.design_effect).toBe(1);
    // Sizes 1, 2, 3: N = 6, n0 = (6 - 14/6) / 2 = 11/6.
    const uneven = computeVarianceComponents([[10], [0, 2], [4, 6, 8]]);
    const msb = (1 * (10 - 5) ** 2 + 2 * (1 - 5) ** 2 + 3 * (6 - 5) ** 2) / 2;
    expect(uneven.between).toBeCloseTo((msb - 10 / 3) / (11 / 6), 12);
  });

  it('says n/a, with the reason, when there is one run per task or one task', () => {
    const single = computeVarianceComponents([[1], [2], [4]]);
    expect(single.within).toBeNull();
    expect(single.between).toBeNull();
    expect(single.na).toMatch(/one run per task/);
    const one = computeVarianceComponents([[1, 2, 3]]);
    expect(one.between).toBeNull();
    expect(one.within).toBeCloseTo(1, 12);
    expect(one.na).toMatch(/1 task/);
  });
});
