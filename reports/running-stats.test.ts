import { describe, expect, it } from 'vitest';
import { addSample, computeMeanInterval, createRunningStats } from './running-stats.js';

describe('running stats', () => {
  it('matches the textbook mean, SD and t interval', () => {
    const stats = createRunningStats();
    for (const value of [2, 4, 4, 4, 5, 5, 7, 9]) addSample(stats, value);
    expect(stats.mean).toBe(5);
    expect(Math.sqrt(stats.m2 / (stats.n - 1))).toBeCloseTo(2.13809, 5);
    const interval = computeMeanInterval(stats);
    // t(0.975, 7) = 2.364624; half-width = 2.364624 * 2.13809 / sqrt(8) = 1.787485
    expect(interval?.low).toBeCloseTo(3.212515, 5);
    expect(interval?.high).toBeCloseTo(6.787485, 5);
    expect(interval?.width).toBeCloseTo(0.714994, 5);
  });

  it('gives no interval below three samples', () => {
    const stats = createRunningStats();
    addSample(stats, 1);
    addSample(stats, 2);
    expect(computeMeanInterval(stats)).toBeNull();
  });
});
