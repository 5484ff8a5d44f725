// computePairPower against hand computations (shares, D, pooled SD) and SciPy's noncentral t (scipy.stats.nct 1.17).
import { describe, expect, it } from 'vitest';
import { makeWindowMetrics } from '../test-fixtures/make-window-metrics.js';
import type { WindowMetrics } from './compute-window-metrics.js';
import { computePairPower } from './pair-power.js';

/** Task `feature`: A's and B's efficiency, A in period 1 for AB, in period 2 for BA. */
function task(feature: string, sequence: 'AB' | 'BA', effA: number, effB: number): WindowMetrics[] {
  const [pa, pb] = sequence === 'AB' ? [1, 2] : [2, 1];
  return [makeWindowMetrics('a', feature, pa, effA), makeWindowMetrics('b', feature, pb, effB)];
}

const options = { alpha: 0.05, minEffect: 0.2, pairs: 1 };

describe('computePairPower', () => {
  it('matches a hand computation on four tasks', () => {
    // D = y1 - y2 with y1 the first-runner's share: AB 3 vs 1 -> 0.5, AB 1 vs 1 -> 0; BA (B first) B 3 vs A 1 -> 0.5,
    // BA B 1 vs A 3 -> -0.5. Deviations from the sequence means: +-0.25 twice, +-0.5 twice; SS 0.625, df 2,
    // s_D = sqrt(0.3125) = 0.5590; gap 0.2 / 2.2 = 0.0909; d = 0.16262; ncp = 2 d / sqrt(1/2 + 1/2) = 0.32525.
    const windows = [...task('t1', 'AB', 3, 1), ...task('t2', 'AB', 1, 1), ...task('t3', 'BA', 1, 3), ...task('t4', 'BA', 3, 1)];
    const result = computePairPower(windows, 'a', 'b', options);
    expect(result).toMatchObject({ n_tasks: 4, sequences: { AB: 2, BA: 2 }, na: null, alpha_adjusted: 0.05 });
    expect(result.sd_gap).toBeCloseTo(Math.sqrt(0.3125), 12);
    expect(result.gap).toBeCloseTo(0.2 / 2.2, 12);
    expect(result.effect).toBeCloseTo(0.16262312563634834, 10);
    // scipy: 1 - nct.cdf(t.ppf(0.975, 2), 2, 0.32525) + nct.cdf(-t.ppf(0.975, 2), 2, 0.32525)
    expect(result.power).toBeCloseTo(0.05488656266151823, 8);
    // At alpha / 3 (three pairs): t.ppf(1 - 0.05/6, 2) = 7.6488.
    expect(computePairPower(windows, 'a', 'b', { ...options, pairs: 3 }).power).toBeCloseTo(0.018384417714549878, 8);
  });

  it('uses the real split between the orders and the Bonferroni level alpha / pairs', () => {
    const windows = [
      ...task('t1', 'AB', 1.2, 1),
      ...task('t2', 'AB', 1.5, 1),
      ...task('t3', 'AB', 1.1, 1),
      ...task('t4', 'AB', 1.3, 1),
      ...task('t5', 'BA', 1, 1),
      ...task('t6', 'BA', 1.4, 1),
      ...task('t7', 'BA', 1.25, 1),
    ];
    const at = (pairs: number) => computePairPower(windows, 'a', 'b', { ...options, pairs });
    // scipy, df 5, ncp 2 d / sqrt(1/4 + 1/3), d = 1.2378726: alpha 0.05 -> 0.73644463, alpha 0.05 / 6 -> 0.32748870.
    expect(at(1).sd_gap).toBeCloseTo(0.07343977920856241, 12);
    expect(at(1).power).toBeCloseTo(0.7364446303214001, 7);
    expect(at(6).power).toBeCloseTo(0.3274887029111568, 7);
    expect(at(6).alpha_adjusted).toBeCloseTo(0.05 / 6, 15);
    // Swapping A and B flips every D but not its SD: the same power.
    expect(computePairPower(windows, 'b', 'a', { ...options, pairs: 6 }).power).toBeCloseTo(0.3274887029111568, 7);
    expect(at(6).tasks_needed).toBeGreaterThan(7);
  });

  it('is the same whatever the efficiency scale (the share is scale-free)', () => {
    const windows = [...task('t1', 'AB', 3, 1), ...task('t2', 'AB', 1, 1), ...task('t3', 'BA', 1, 3), ...task('t4', 'BA', 3, 1)];
    const scaled = windows.map((window) => ({ ...window, efficiency: (window.efficiency as number) * 1e6 }));
    expect(computePairPower(scaled, 'a', 'b', options).power).toBeCloseTo(computePairPower(windows, 'a', 'b', options).power as number, 12);
  });

  it('is n/a with its reason below 3 tasks, with one order only, or with SD 0', () => {
    const two = [...task('t1', 'AB', 3, 1), ...task('t2', 'BA', 1, 1)];
    expect(computePairPower(two, 'a', 'b', options)).toMatchObject({
      power: null,
      na: '2 tasks run by both a and b (the AB/BA test needs 3)',
    });
    const oneOrder = [...task('t1', 'AB', 3, 1), ...task('t2', 'AB', 1, 1), ...task('t3', 'AB', 2, 1)];
    expect(computePairPower(oneOrder, 'a', 'b', options).na).toBe('all 3 tasks ran a first (the AB/BA test needs both orders)');
    const flat = [...task('t1', 'AB', 2, 1), ...task('t2', 'AB', 2, 1), ...task('t3', 'BA', 1, 2), ...task('t4', 'BA', 1, 2)];
    expect(computePairPower(flat, 'a', 'b', options)).toMatchObject({
      power: null,
      sd_gap: 0,
      na: 'the share gaps do not vary (SD 0): no t test',
    });
  });

  it('counts a task once when it ran in several epochs, and reports quality on the same tasks', () => {
    const windows = [...task('t1', 'AB', 3, 1), ...task('t2', 'AB', 1, 1), ...task('t3', 'BA', 1, 3), ...task('t4', 'BA', 3, 1)];
    const epochs = windows.flatMap((window) => [
      { ...window, epoch: 1, quality: 0.5 },
      { ...window, window_id: `${window.window_id}-e2`, epoch: 2, quality: window.provider === 'a' ? 0.5 : 1 },
    ]);
    const result = computePairPower(epochs, 'a', 'b', options);
    expect(result.n_tasks).toBe(4);
    expect(result.power).toBeCloseTo(0.05488656266151823, 8);
    expect(result.quality_ratio).toBeCloseTo(0.5 / 0.75, 12);
  });
});
