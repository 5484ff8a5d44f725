// Per-provider work per unit of cost: the ratio of sums with failures' costs counted, its interval never below 0, n/a with the reason.
import { describe, expect, it } from 'vitest';
import { computeEfficiencyInterval } from './summarize-provider-metrics.js';

describe('computeEfficiencyInterval', () => {
  it("is the sum of quality over the sum of cost, failures' costs included (reference: reports/stats/ratio-of-sums-reference.py)", () => {
    const interval = computeEfficiencyInterval([1, 0, 1, 1, 0.5], [0.2, 0.1, 0.3, 0.25, 0.15]);
    expect(interval.mean).toBeCloseTo(3.5, 12);
    expect(interval.n).toBe(5);
    // exp(ln 3.5 +- t(0.975, 4) x 0.21799693704382198), the SE with its floors (numpy, "one provider"): t = 2.7764451051977987 (scipy).
    expect(interval.low).toBeCloseTo(3.5 * Math.exp(-2.7764451051977987 * 0.21799693704382198), 9);
    expect(interval.high).toBeCloseTo(3.5 * Math.exp(2.7764451051977987 * 0.21799693704382198), 9);
    expect(interval.ci_width).toBeCloseTo(((interval.high ?? 0) - (interval.low ?? 0)) / 3.5, 12);
  });

  it("widens with the price's calibration SE", () => {
    const plain = computeEfficiencyInterval([1, 0, 1, 1, 0.5], [0.2, 0.1, 0.3, 0.25, 0.15]);
    const calibrated = computeEfficiencyInterval([1, 0, 1, 1, 0.5], [0.2, 0.1, 0.3, 0.25, 0.15], 0.95, 0.2);
    expect(calibrated.mean).toBe(plain.mean);
    expect(calibrated.ci_width).toBeGreaterThan(plain.ci_width ?? 0);
  });

  it('says why there is no ratio or interval', () => {
    expect(computeEfficiencyInterval([1, 1], [1, 2])).toMatchObject({ n: 2, mean: 2 / 3, low: null, na: null });
    expect(computeEfficiencyInterval([0, 0, 0], [1, 2, 1])).toMatchObject({ mean: 0, low: null, na: 'no correct work at all' });
    expect(computeEfficiencyInterval([1, 1, 1], [0, 0, 0])).toMatchObject({ mean: null, na: 'nothing was spent' });
    expect(computeEfficiencyInterval([], [])).toMatchObject({ n: 0, mean: null, na: null });
  });
});
