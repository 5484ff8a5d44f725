// The report's epochs section: effective n (tasks), epochs per task, and the variance components of A - B: pure.
import { computeVarianceComponents, type VarianceComponents } from '../stats/variance-components.js';
import { computeShareGap } from '../stats/efficiency-share.js';
import type { WindowMetrics } from './compute-window-metrics.js';

export interface EpochSummary {
  /** The n of every analysis: tasks, however many times each ran. */
  effective_n: number;
  /** Runs of each (task, provider): the smallest and largest seen (equal in a finished plan); 1 without --epochs. */
  epochs_min: number;
  epochs_max: number;
  /** Windows behind the task-level values. */
  windows: number;
  /** What the components split: the per-epoch within-task difference of the pair, in efficiency units. */
  outcome: string | null;
  components: VarianceComponents | null;
  /** Why there are no components (no pair, no epochs); null when there are. */
  na: string | null;
}

/**
 * Pairs A's and B's windows of each task epoch by epoch (a plan's windows without an epoch count as epoch 1),
 * takes the share gap A - B (the plan's statistic), and splits its variance into between-task and within-task parts. `effectiveN` is
 * the task count the analyses used (the paired tasks), never tasks x epochs.
 */
export function summarizeEpochs(
  windows: readonly WindowMetrics[],
  pair: readonly [string, string] | null,
  effectiveN: number,
): EpochSummary {
  const runs = new Map<string, number>();
  for (const window of windows) {
    if (window.feature_id === null) continue;
    const key = `${window.plan_id ?? ''}\u0000${window.feature_id}\u0000${window.provider}`;
    runs.set(key, (runs.get(key) ?? 0) + 1);
  }
  const counts = [...runs.values()];
  const base = {
    effective_n: effectiveN,
    epochs_min: counts.length === 0 ? 0 : Math.min(...counts),
    epochs_max: counts.length === 0 ? 0 : Math.max(...counts),
    windows: windows.length,
  };
  if (pair === null) return { ...base, outcome: null, components: null, na: 'no two providers to compare' };
  const groups = collectDifferences(windows, pair);
  const components = computeVarianceComponents([...groups.values()]);
  return { ...base, outcome: `the ${pair[0]} - ${pair[1]} share gap, per epoch`, components, na: components.na };
}

/** Task -> the share gaps A - B of its epochs where both sides have an efficiency in one unit. */
export function collectDifferences(windows: readonly WindowMetrics[], [a, b]: readonly [string, string]): Map<string, number[]> {
  const sides = new Map<string, { a?: WindowMetrics; b?: WindowMetrics }>();
  for (const window of windows) {
    if (window.feature_id === null || (window.provider !== a && window.provider !== b)) continue;
    const key = `${window.plan_id ?? ''}\u0000${window.feature_id}\u0000${window.epoch ?? 1}`;
    const entry = sides.get(key) ?? {};
    const side = window.provider === a ? 'a' : 'b';
    // The first window of a side is kept, as the pairing does.
    entry[side] ??= window;
    sides.set(key, entry);
  }
  const groups = new Map<string, number[]>();
  for (const [key, entry] of sides) {
    const { a: left, b: right } = entry;
    if (!left || !right || left.efficiency === null || right.efficiency === null || left.unit !== right.unit) continue;
    const task = key.slice(0, key.lastIndexOf('\u0000'));
    const gap = computeShareGap(left.efficiency, right.efficiency);
    if (gap !== null) groups.set(task, [...(groups.get(task) ?? []), gap]);
  }
  return groups;
}
