// Tests of the shape simulation: seeded, exact truths where symmetry gives them, and each rule's stops judged against its own estimand.
import { describe, expect, it } from 'vitest';
import { simulateShapeExperiments, type ShapeSimulationOptions } from './simulate-shapes.js';

const BASE: ShapeSimulationOptions = {
  seed: 'shape-test',
  replicates: 60,
  tasks: 40,
  a: { shape: 'exponential', mean: 1, sd: 1, zeroRate: 0.3 },
  b: { shape: 'normal', mean: 1, sd: 0.3, zeroRate: 0.3 },
  taskSdlog: 0,
  truthDraws: 20_000,
};

describe('simulateShapeExperiments', () => {
  it('is deterministic for a seed', () => {
    expect(simulateShapeExperiments(BASE)).toEqual(simulateShapeExperiments(BASE));
  });

  it('equal means, different shapes: the mean difference is exactly 0, the share gap is not, and each rule is judged on its own', () => {
    const summary = simulateShapeExperiments(BASE);
    expect(summary.truth.meanDifference).toMatchObject({ value: 0, exact: true, sign: 0 });
    // An exponential arm is below its mean on 63% of tasks: B, steady at the same mean, has the larger share.
    expect(summary.truth.shareGap.exact).toBe(false);
    expect(summary.truth.shareGap.value).toBeLessThan(-0.1);
    expect(summary.truth.shareGap.sign).toBe(-1);
    const [share, difference] = summary.rules;
    expect(share.rule).toBe('share-gap');
    expect(share.used).toBe(true);
    expect(share.vsEstimand.falseStops).toBeNull();
    expect(share.vsEstimand.wrongDirection?.count).toBe(share.namingA.count);
    expect(share.vsMean.falseStops?.count).toBe(share.stops.count);
    expect(difference.vsEstimand).toEqual(difference.vsMean);
    expect(difference.vsEstimand.falseStops?.count).toBe(difference.stops.count);
    for (const rule of summary.rules) {
      expect(rule.stops.count).toBe(rule.namingA.count + rule.namingB.count);
      expect(rule.stops.count + rule.futility.count).toBeLessThanOrEqual(BASE.replicates);
    }
    expect(summary.arms.b.min).toBeGreaterThanOrEqual(0);
  });

  it('identical requests: the share gap is exactly 0, so every superiority stop of either rule is false', () => {
    const summary = simulateShapeExperiments({ ...BASE, b: BASE.a, taskSdlog: 1 });
    expect(summary.truth.shareGap).toEqual({ value: 0, se: 0, exact: true, sign: 0 });
    for (const rule of summary.rules) expect(rule.vsEstimand.falseStops?.count).toBe(rule.stops.count);
  });

  it('a planted mean difference is exact, in the units of the efficiencies', () => {
    const summary = simulateShapeExperiments({ ...BASE, a: { ...BASE.a, mean: 1.5 } });
    expect(summary.truth.meanDifference).toMatchObject({ value: 0.5, exact: true, sign: 1 });
    const difference = summary.rules[1];
    expect(difference.vsMean.wrongDirection?.count).toBe(difference.namingB.count);
  });

  it('refuses a shape that cannot keep the asked mean and SD non-negative, naming the arm', () => {
    expect(() => simulateShapeExperiments({ ...BASE, a: { shape: 'exponential', mean: 1, sd: 2 } })).toThrow(/SD <= mean/);
  });
});
