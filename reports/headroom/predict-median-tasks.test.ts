// Headroom's point figure as a median count over resampled futures: exact on even tasks, replayable, bounded in cost.
import { describe, expect, it } from 'vitest';
import { predictMedianTasks, prepareTaskPaths } from './predict-median-tasks.js';

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
});
