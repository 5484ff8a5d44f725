// The report's epochs section: effective n (tasks), epochs per task, and the variance components of A - B: pure.
import { computeVarianceComponents, type VarianceComponents } from '../stats/variance-components.js';
import { readCost } from './pair-ratio-tasks.js';
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
 * takes each epoch's contribution to ln(A's work per $ over B's) (the delta method's psi, ratio-of-sums.ts), and splits
 * its variance into between-task and within-task parts. `effectiveN` is the task count the analyses used (the paired
 * tasks), never tasks x epochs.
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
  return { ...base, outcome: `each epoch's contribution to ln(${pair[0]} / ${pair[1]} work per unit)`, components, na: components.na };
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
  const epochs: Array<{ task: string; qA: number; cA: number; qB: number; cB: number }> = [];
  for (const [key, entry] of sides) {
    const { a: left, b: right } = entry;
    const cA = left ? readCost(left) : null;
    const cB = right ? readCost(right) : null;
    if (!left || !right || cA === null || cB === null) continue;
    epochs.push({ task: key.slice(0, key.lastIndexOf('\u0000')), qA: left.quality, cA, qB: right.quality, cB });
  }
  // psi of each epoch against the means over every epoch: its variance is what the task means average down.
  const n = epochs.length;
  const mean = (read: (e: (typeof epochs)[number]) => number): number => epochs.reduce((sum, e) => sum + read(e), 0) / n;
  const m = { qA: mean((e) => e.qA), cA: mean((e) => e.cA), qB: mean((e) => e.qB), cB: mean((e) => e.cB) };
  const groups = new Map<string, number[]>();
  if (n === 0 || !(m.qA > 0 && m.cA > 0 && m.qB > 0 && m.cB > 0)) return groups;
  for (const e of epochs) {
    const psi = (e.qA - m.qA) / m.qA - (e.cA - m.cA) / m.cA - (e.qB - m.qB) / m.qB + (e.cB - m.cB) / m.cB;
    groups.set(e.task, [...(groups.get(e.task) ?? []), psi]);
  }
  return groups;
}
