import { describe, expect, it } from 'vitest';
import { makeWindowMetrics } from '../test-fixtures/make-window-metrics.js';
import type { WindowMetrics } from './compute-window-metrics.js';
import { analyzePairs, capResamples } from './analyze-pairs.js';
import { buildSequentialRule } from '../../ledger/index.js';
import { describeStopStatus } from './check-stop-status.js';
import { decidePlanStop } from './decide-plan-stop.js';
import { analyzeWorkPerDollar } from './analyze-work-per-dollar.js';
import { choosePairProviders, pairWindows } from './pair-windows.js';

let clock = Date.parse('2026-11-21T08:00:00Z');
function metrics(provider: string, feature: string, efficiency: number, extra: Partial<WindowMetrics> = {}): WindowMetrics {
  clock += 60 * 60_000;
  const at = new Date(clock).toISOString();
  return makeWindowMetrics(provider, feature, null, efficiency, {
    window_id: `${provider}-${feature}`,
    quality: efficiency * 10,
    started_at: at,
    ended_at: at,
    completed_at: at,
    plan_id: null,
    epoch: undefined,
    ...extra,
  });
}

/** Task i: A's efficiency is B's plus `plant` (+ a little noise); AB and BA alternate. */
function experiment(tasks: number, plant: number): WindowMetrics[] {
  const windows: WindowMetrics[] = [];
  for (let i = 0; i < tasks; i += 1) {
    const b = 0.05 + (i % 3) * 0.005;
    const a = b + plant + (((i * 7) % 5) - 2) * 0.001;
    if (i % 2 === 0) windows.push(metrics('claude', `T${i}`, a), metrics('codex', `T${i}`, b));
    else windows.push(metrics('codex', `T${i}`, b), metrics('claude', `T${i}`, a));
  }
  return windows;
}

describe('pairing and the paired analyses', () => {
  it('picks the two providers with the most task windows, in name order', () => {
    expect(
      choosePairProviders([metrics('codex', 'T1', 1), metrics('claude', 'T1', 1), metrics('glm', 'T2', 1), metrics('codex', 'T2', 1)]),
    ).toEqual(['claude', 'codex']);
    expect(choosePairProviders([], ['codex', 'claude'])).toEqual(['codex', 'claude']);
  });

  it('pairs first windows per task, infers the sequence from the start times, and keeps the sign A - B', () => {
    const pairing = pairWindows(experiment(6, 0.01), 'claude', 'codex');
    expect(pairing.pairs).toHaveLength(6);
    expect(pairing.pairs.map((pair) => pair.sequence)).toEqual(['AB', 'BA', 'AB', 'BA', 'AB', 'BA']);
    expect(pairing.pairs.every((pair) => pair.diff > 0)).toBe(true);
    expect(pairWindows(experiment(6, 0.01), 'codex', 'claude').pairs.every((pair) => pair.diff < 0)).toBe(true);
  });

  it('uses the recorded period over the start times, and counts repeats and one-sided tasks', () => {
    const windows = [
      metrics('codex', 'T1', 1, { period: 2 }),
      metrics('claude', 'T1', 2, { period: 1 }),
      metrics('claude', 'T1', 3),
      metrics('claude', 'T2', 1),
    ];
    const pairing = pairWindows(windows, 'claude', 'codex');
    expect(pairing).toMatchObject({ repeats: 1, unpaired: 1 });
    expect(pairing.pairs[0]).toMatchObject({ sequence: 'AB', y1: 2, y2: 1, diff: 1 });
  });

  it('reports a planted difference with the right sign in the crossover, the bootstrap and the decision', () => {
    const windows = experiment(12, 0.01);
    const comparison = analyzePairs(pairWindows(windows, 'claude', 'codex'), { alpha: 0.05, seed: 1, resamples: 2000 });
    expect(comparison.crossover?.treatment.estimate).toBeCloseTo(0.01, 3);
    expect(comparison.crossover?.treatment.ciLow).toBeGreaterThan(0);
    expect(comparison.bootstrap?.ratio.estimate).toBeGreaterThan(1);
    const rule = buildSequentialRule({ providers: 2, alpha: 0.05, minEffect: 0.2, plannedTasks: 12, enabled: true });
    const primary = analyzeWorkPerDollar(windows, {
      providers: ['claude', 'codex'],
      unit: 'bars',
      rule,
      calibrations: [],
      alpha: 0.05,
      budgets: null,
    });
    const stop = describeStopStatus(
      decidePlanStop(windows, primary, rule, () => true),
      rule,
      { pair: ['claude', 'codex'], recorded: null },
    );
    expect(stop.verdict_pair?.ratio).toBeGreaterThan(1);
    expect(stop.verdict_pair?.looks.at(-1)?.n).toBe(12);
    // Turned the other way round, the same decision mirrored: the chart follows the pair the verdict names.
    const turned = describeStopStatus(
      decidePlanStop(windows, primary, rule, () => true),
      rule,
      { pair: ['codex', 'claude'], recorded: null },
    );
    expect(turned.verdict_pair?.ratio).toBeCloseTo(1 / (stop.verdict_pair?.ratio as number), 12);
    expect(turned.verdict_pair?.last?.low).toBeCloseTo(1 / (stop.verdict_pair?.last?.high as number), 12);
  });

  it('runs no crossover below 3 tasks or without both sequences', () => {
    const comparison = analyzePairs(pairWindows(experiment(2, 0.01), 'claude', 'codex'), { alpha: 0.05, seed: 1, resamples: 100 });
    expect(comparison.crossover).toBeNull();
    expect(comparison.paired.low).toBeNull();
  });

  it('caps bootstrap resamples over large samples, never below 1,000', () => {
    expect(capResamples(10_000, 100)).toBe(10_000);
    expect(capResamples(10_000, 2_000)).toBe(2_500);
    expect(capResamples(10_000, 100_000)).toBe(1_000);
    expect(capResamples(500, 100_000)).toBe(500);
  });
});
