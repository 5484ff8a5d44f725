// The seeded bootstrap: SciPy references, BCa, degenerate resamples, the ends of the double range and zero variation.
import { describe, expect, it } from 'vitest';
import { bootstrapStatistic, bootstrapStatistics, type WeightedStatistic } from './bootstrap.js';
import { computeJackknifeAcceleration } from './bootstrap-intervals.js';
import { createSeededRandom } from './seeded-random.js';
import { computeTInterval } from './t-interval.js';

// 30 draws of an exponential with mean 10 (numpy default_rng(20260101), rounded to 0.01): right-skewed.
const SKEWED = [
  1.06, 26.96, 9.71, 21.52, 3.64, 19.63, 9.28, 13.13, 1.12, 0.97, 35.14, 9.05, 2.39, 22.69, 7.39, 0.7, 7.35, 3.25, 19.59, 11.48, 28.89,
  18.67, 1.78, 12.16, 5.19, 10.18, 16.25, 18.62, 17.45, 5.05,
];

const weightedMean =
  (values: readonly number[]): WeightedStatistic =>
  (weights) => {
    let sum = 0;
    let count = 0;
    values.forEach((value, i) => {
      sum += (weights[i] as number) * value;
      count += weights[i] as number;
    });
    return sum / count;
  };

/** The plug-in (divide by n) variance, as numpy's np.var. */
const weightedVariance =
  (values: readonly number[]): WeightedStatistic =>
  (weights) => {
    const mean = weightedMean(values)(weights);
    let squares = 0;
    let count = 0;
    values.forEach((value, i) => {
      squares += (weights[i] as number) * (value - mean) ** 2;
      count += weights[i] as number;
    });
    return squares / count;
  };

function drawNormals(count: number, seed: string): number[] {
  const random = createSeededRandom(seed);
  return Array.from({ length: count }, () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
}

describe('bootstrapStatistic', () => {
  it('gives a percentile interval of the mean close to the t interval for normal data', () => {
    const values = drawNormals(100, 'normal-data').map((z) => 50 + 5 * z);
    const t = computeTInterval(values);
    const result = bootstrapStatistic(values.length, weightedMean(values), { seed: 1 });
    const se = t.se as number;
    // Expected gap: z vs t quantile and the bootstrap's sqrt((n-1)/n) shrinkage (~0.03 SE), plus ~0.03 SE of resampling noise.
    expect(Math.abs((result.percentile?.low as number) - (t.low as number))).toBeLessThan(0.15 * se);
    expect(Math.abs((result.percentile?.high as number) - (t.high as number))).toBeLessThan(0.15 * se);
    expect(result.se).toBeCloseTo(se, 0);
    expect(result).toMatchObject({ n: 100, resamples: 10_000, valid: 10_000, degenerate: 0, confidence: 0.95, note: null });
  });

  it('matches SciPy 1.17 stats.bootstrap (2,000,000 resamples) for the mean and the variance of skewed data', () => {
    // Mean: percentile [8.837, 15.360], BCa [9.008, 15.569]; variance (np.var): percentile [46.11, 120.33], BCa [55.23, 139.29].
    const mean = bootstrapStatistic(SKEWED.length, weightedMean(SKEWED), { seed: 'scipy-check' });
    const variance = bootstrapStatistic(SKEWED.length, weightedVariance(SKEWED), { seed: 'scipy-check' });
    const near = (actual: number | undefined, expected: number, se: number): void =>
      expect(Math.abs((actual as number) - expected)).toBeLessThan(0.1 * se);
    near(mean.percentile?.low, 8.837, 1.665);
    near(mean.percentile?.high, 15.36, 1.665);
    near(mean.bca?.low, 9.0077, 1.665);
    near(mean.bca?.high, 15.569, 1.665);
    near(variance.percentile?.low, 46.114, 19.13);
    near(variance.percentile?.high, 120.331, 19.13);
    near(variance.bca?.low, 55.227, 19.13);
    near(variance.bca?.high, 139.289, 19.13);
  });

  it('moves BCa toward the long tail of a right-skewed statistic', () => {
    const variance = bootstrapStatistic(SKEWED.length, weightedVariance(SKEWED), { seed: 7 });
    const { percentile, bca } = variance;
    expect(bca?.acceleration).toBeGreaterThan(0);
    expect(bca?.low).toBeGreaterThan(percentile?.low as number);
    expect(bca?.high).toBeGreaterThan(percentile?.high as number);
  });

  it('takes the acceleration of the mean from the sample skewness (Efron & Tibshirani 1993, eq. 14.15)', () => {
    const mean = SKEWED.reduce((sum, value) => sum + value, 0) / SKEWED.length;
    const deviations = SKEWED.map((value) => value - mean);
    const expected = deviations.reduce((sum, d) => sum + d ** 3, 0) / (6 * deviations.reduce((sum, d) => sum + d * d, 0) ** 1.5);
    expect(expected).toBeCloseTo(0.019745952243224528, 14);
    const result = bootstrapStatistic(SKEWED.length, weightedMean(SKEWED), { seed: 3 });
    expect(result.bca?.acceleration).toBeCloseTo(expected, 12);
    expect(computeJackknifeAcceleration([2, 2, 2])).toBe(0);
  });

  it('replays exactly with the same seed and differs with another', () => {
    const statistic = weightedVariance(SKEWED);
    const first = bootstrapStatistic(SKEWED.length, statistic, { seed: 'same', resamples: 2_000 });
    expect(bootstrapStatistic(SKEWED.length, statistic, { seed: 'same', resamples: 2_000 })).toEqual(first);
    expect(bootstrapStatistic(SKEWED.length, statistic, { seed: 'other', resamples: 2_000 }).percentile).not.toEqual(first.percentile);
  });

  it('counts degenerate resamples, leaves them out and keeps the statistics on one stream', () => {
    // Only task 3 has a success: a resample without it has 0 successes, so cost per success is not finite.
    const cost = [4, 5, 6, 7, 3, 2, 8, 5, 6, 4];
    const successes = [0, 0, 0, 1, 0, 0, 0, 0, 0, 0];
    const sum = (values: number[], weights: Float64Array): number =>
      values.reduce((total, value, i) => total + (weights[i] as number) * value, 0);
    const results = bootstrapStatistics(
      10,
      { perSuccess: (w) => sum(cost, w) / sum(successes, w), total: (w) => sum(cost, w) },
      { seed: 'degenerate', resamples: 5_000 },
    );
    // Replay the stream: a resample is degenerate exactly when task 3 was not drawn.
    const random = createSeededRandom('degenerate');
    let missing = 0;
    for (let r = 0; r < 5_000; r += 1) {
      let drawn = false;
      for (let draw = 0; draw < 10; draw += 1) if (Math.floor(random() * 10) === 3) drawn = true;
      if (!drawn) missing += 1;
    }
    expect(results.perSuccess.degenerate).toBe(missing);
    expect(results.perSuccess.valid).toBe(5_000 - missing);
    expect(missing / 5_000).toBeCloseTo(0.9 ** 10, 1);
    expect(results.perSuccess.percentile).not.toBeNull();
    // Leaving task 3 out makes the jackknife value infinite: no acceleration, so no BCa.
    expect(results.perSuccess.bca).toBeNull();
    expect(results.perSuccess.note).toMatch(/leave-one-out/);
    expect(results.total).toMatchObject({ degenerate: 0, valid: 5_000, estimate: 50 });
  });

  it('gives ci=n/a below 3 tasks and nothing when the estimate is not finite', () => {
    expect(bootstrapStatistic(2, () => 1, { seed: 1 })).toMatchObject({
      percentile: null,
      bca: null,
      note: expect.stringMatching(/ci=n\/a/),
    });
    expect(bootstrapStatistic(5, () => Number.NaN, { seed: 1 })).toMatchObject({
      percentile: null,
      degenerate: 10_000,
      note: expect.stringMatching(/not finite on the data/),
    });
    expect(() => bootstrapStatistic(5, () => 1, { seed: 1, resamples: 0 })).toThrow(RangeError);
  });

  // SKEW5 times 1e300 and 1e-300: exact acceleration from mpmath (50 digits) of the same doubles, 0.08457550951406582 at
  // every scale. Before: the squares and cubes of the jackknife deviations underflowed near 1e-160 (0 / 0 = NaN, so
  // no BCa: "every replicate on one side") and overflowed near 1e300 (bootstrap SE Infinity, no BCa).
  it.each([1e300, 1e-300])('gives the same acceleration, SE and intervals (times the scale) at %d x the data', (factor) => {
    const SKEW5 = [0.42, 0.77, 1.1, 2.9, 7.3];
    expect(computeJackknifeAcceleration(SKEW5.map((value) => ((SKEW5.reduce((a, b) => a + b, 0) - value) / 4) * factor))).toBeCloseTo(
      0.08457550951406582,
      14,
    );
    const plain = bootstrapStatistic(SKEWED.length, weightedMean(SKEWED), { seed: 'scale', resamples: 2_000 });
    const scaled = bootstrapStatistic(SKEWED.length, weightedMean(SKEWED.map((value) => value * factor)), {
      seed: 'scale',
      resamples: 2_000,
    });
    const same = (actual: number | null | undefined, expected: number | null | undefined): void =>
      expect(Math.abs((actual as number) / factor / (expected as number) - 1)).toBeLessThan(1e-12);
    same(scaled.se, plain.se);
    same(scaled.percentile?.low, plain.percentile?.low);
    same(scaled.bca?.low, plain.bca?.low);
    same(scaled.bca?.high, plain.bca?.high);
    expect(scaled.bca?.acceleration).toBeCloseTo(plain.bca?.acceleration as number, 12);
    expect(scaled.note).toBeNull();
  });

  it('says n/a rather than a zero-width interval when every resample gives the same value', () => {
    const flat = bootstrapStatistic(6, weightedMean([3, 3, 3, 3, 3, 3]), { seed: 1, resamples: 500 });
    expect(flat).toMatchObject({
      estimate: 3,
      se: 0,
      percentile: null,
      bca: null,
      note: 'no variation: every valid resample gave 3, so an interval would have zero width',
    });
  });
});
