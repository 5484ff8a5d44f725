import { describe, expect, it } from 'vitest';
import { computeRatioPairPower } from './compute-ratio-pair-power.js';
import { makeWindowMetrics } from '../test-fixtures/make-window-metrics.js';
import { countProviderPairs, summarizeGateFields } from './summarize-gate-fields.js';

/** Four tasks in AB/BA order on `a` and `base`; `c` ran only the first two, with quality 0.5. */
const windows = [
  ...[1, 2, 3, 4].flatMap((i) => {
    const [pa, pb] = i % 2 === 0 ? [1, 2] : [2, 1];
    return [makeWindowMetrics('a', `t${i}`, pa, 0.1 * i + 0.05), makeWindowMetrics('base', `t${i}`, pb, 0.2)];
  }),
  makeWindowMetrics('c', 't1', 3, 0.05, { quality: 0.5 }),
  makeWindowMetrics('c', 't2', 3, 0.05, { quality: 0.5 }),
  // A window of base on a task no candidate ran: it counts in base's own n, never in a quality ratio.
  makeWindowMetrics('base', 't9', 1, 0.2, { quality: 0.1 }),
];

describe('summarizeGateFields', () => {
  const summaries = summarizeGateFields(windows, { baseline: 'base', alpha: 0.05, minEffect: 0.2 });
  const of = (provider: string) => summaries.find((summary) => summary.provider === provider);

  it('gives each candidate the simulated power of the decision against the baseline at alpha / k(k-1)/2', () => {
    const expected = computeRatioPairPower(windows, 'a', 'base', { alpha: 0.05, minEffect: 0.2, pairs: 3, calibrationSe: 0 });
    expect(expected.power).not.toBeNull();
    expect(of('a')?.power).toBe(expected.power);
    expect(of('a')?.pair_power).toMatchObject({ n_tasks: 4, ratio: 1.2, basis: 'simulation', alpha_adjusted: 0.05 / 3, na: null });
    expect(of('c')?.pair_power?.na).toBe('fewer than 3 tasks both ran with a known cost (2)');
  });

  it('has no power for the baseline: it is not a candidate', () => {
    expect(of('base')).toMatchObject({ power: null, pair_power: null, quality_ratio: 1, n: 5, windows: 5 });
  });

  it('compares quality on the tasks both ran only', () => {
    // c: 0.5 against base's 1 on t1 and t2; base's 0.1 on t9 stays out.
    expect(of('c')?.quality_ratio).toBe(0.5);
  });

  it('counts every epoch in `windows` (G1 tells looks apart by it) and every task once in n', () => {
    // Under --epochs 2 each look recorded the task count (4, then 4 again), so G1 counted the
    // run's previews as one and could never be evaluated.
    const epoch = (e: number) =>
      windows
        .filter((window) => window.provider !== 'c')
        .map((window) => ({ ...window, window_id: `${window.window_id}-e${e}`, plan_id: 'p1', epoch: e }));
    const first = summarizeGateFields(epoch(1), { baseline: 'base', alpha: 0.05, minEffect: 0.2 });
    const both = summarizeGateFields([...epoch(1), ...epoch(2)], { baseline: 'base', alpha: 0.05, minEffect: 0.2 });
    expect(first.map((summary) => [summary.provider, summary.n, summary.windows])).toEqual([
      ['a', 4, 4],
      ['base', 5, 5],
    ]);
    expect(both.map((summary) => [summary.provider, summary.n, summary.windows])).toEqual([
      ['a', 4, 8],
      ['base', 5, 10],
    ]);
  });

  it('counts k(k-1)/2 pairs, at least one', () => {
    expect([1, 2, 3, 4].map(countProviderPairs)).toEqual([1, 1, 3, 6]);
  });
});
