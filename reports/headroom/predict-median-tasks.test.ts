// Headroom's point figure as a median count over resampled futures: exact on even tasks, replayable, bounded in cost.
import { describe, expect, it } from 'vitest';
import { predictMedianTasks, predictTaskTails, prepareTaskPaths } from './predict-median-tasks.js';

describe('predictMedianTasks', () => {
  it('counts whole tasks of one size, and past its horizon scales the count it reached there', () => {
    const even = prepareTaskPaths(Array.from({ length: 100 }, () => 10_000));
    expect(predictMedianTasks(even, 65_000)).toBe(6);
    // 10^10 tokens: a million tasks, simulated to 500 and scaled by 2,000.
    expect(predictMedianTasks(even, 1e10)).toBe(1_000_000);
    expect(predictMedianTasks(prepareTaskPaths([4000]), 10_000)).toBe(2);
  });

  it('gives the same figure for the same history and tokens (a seeded simulation, no clock)', () => {
    const tasks = Array.from({ length: 60 }, (_, i) => 1000 + ((i * 7919) % 13) * 900);
    const paths = prepareTaskPaths(tasks);
    expect(predictMedianTasks(paths, 500_000)).toBe(predictMedianTasks(prepareTaskPaths(tasks), 500_000));
  });

  it('reads both tails in one pass of the futures, each at its own horizon, either side of the median', () => {
    // On even tasks the tails are the median; the low one is not cut short by the high one's far horizon (1e10 tokens).
    const even = prepareTaskPaths(Array.from({ length: 100 }, () => 10_000));
    expect(predictTaskTails(even, 65_000, 1e10, 0.025)).toEqual({ low: 6, high: 1_000_000 });
    const tasks = Array.from({ length: 100 }, (_, i) => 1000 + ((i * 7919) % 13) * 900 + (i % 17 === 0 ? 30_000 : 0));
    const paths = prepareTaskPaths(tasks);
    const tails = predictTaskTails(paths, 150_000, 200_000, 0.025);
    expect(tails.low).toBeLessThan(predictMedianTasks(paths, 150_000));
    expect(tails.high).toBeGreaterThan(predictMedianTasks(paths, 200_000));
  });
});
