// Reduces the K epochs of each (plan, task, provider) to one task-level window of means, so n counts tasks: pure.
import type { WindowMetrics } from './compute-window-metrics.js';

type NumberField =
  | 'capacity_before'
  | 'capacity_after'
  | 'capacity_delta'
  | 'tokens'
  | 'cost_usd'
  | 'duration_ms'
  | 'efficiency'
  | 'efficiency_per_mtok'
  | 'usd';

const MEANS: readonly NumberField[] = [
  'capacity_before',
  'capacity_after',
  'capacity_delta',
  'tokens',
  'cost_usd',
  'duration_ms',
  'efficiency',
  'efficiency_per_mtok',
  'usd',
];

/** A task-level window: the means of its epochs' windows. */
export interface EpochReduction {
  windows: WindowMetrics[];
  /** Epoch windows merged, and the task-level windows they became. */
  merged: number;
  task_windows: number;
}

/**
 * Windows with an epoch (plans run with `--epochs`) are grouped by plan, task, provider and unit, and each
 * group becomes one window whose numbers are the means over its epochs (a null left out of its mean), quality
 * the mean quality, success when most epochs succeeded; the group takes its latest epoch's place in the
 * order. Windows without an epoch pass through unchanged, so a plan without epochs gives the same report.
 */
export function reduceEpochs(windows: readonly WindowMetrics[]): EpochReduction {
  const groups = new Map<string, WindowMetrics[]>();
  const keyOf = (window: WindowMetrics): string | null =>
    window.epoch == null || window.feature_id === null
      ? null
      : [window.plan_id ?? '', window.feature_id, window.provider, window.unit ?? ''].join('\u0000');
  for (const window of windows) {
    const key = keyOf(window);
    if (key === null) continue;
    const group = groups.get(key) ?? [];
    group.push(window);
    groups.set(key, group);
  }
  const lastOfGroup = new Map<WindowMetrics, WindowMetrics[]>();
  for (const group of groups.values()) lastOfGroup.set(latest(group), group);
  const out: WindowMetrics[] = [];
  let merged = 0;
  for (const window of windows) {
    if (keyOf(window) === null) out.push(window);
    const group = lastOfGroup.get(window);
    if (!group) continue;
    merged += group.length;
    out.push(mergeEpochs(group));
  }
  return { windows: out, merged, task_windows: groups.size };
}

function latest(group: readonly WindowMetrics[]): WindowMetrics {
  return group.reduce((a, b) => (Date.parse(b.completed_at) > Date.parse(a.completed_at) ? b : a));
}

/** The means of a task's epochs; ids and times of the first and the latest epoch. */
export function mergeEpochs(group: readonly WindowMetrics[]): WindowMetrics {
  const sorted = [...group].sort((a, b) => (a.epoch ?? 0) - (b.epoch ?? 0));
  const first = sorted[0] as WindowMetrics;
  const last = latest(group);
  const numbers = Object.fromEntries(MEANS.map((field) => [field, meanOf(sorted.map((window) => window[field]))])) as Record<
    NumberField,
    number | null
  >;
  const successes = sorted.filter((window) => window.success).length;
  return {
    ...first,
    ...numbers,
    window_id: `${first.window_id} (mean of ${sorted.length} epochs)`,
    requests: sorted.reduce((sum, window) => sum + window.requests, 0) / sorted.length,
    quality: sorted.reduce((sum, window) => sum + window.quality, 0) / sorted.length,
    success: successes * 2 > sorted.length,
    outcome: successes * 2 > sorted.length ? 'success' : (sorted.find((window) => !window.success)?.outcome ?? first.outcome),
    capacity_flags: [...new Set(sorted.flatMap((window) => window.capacity_flags))],
    errors: [...new Set(sorted.flatMap((window) => window.errors))],
    started_at: first.started_at,
    ended_at: last.ended_at,
    completed_at: last.completed_at,
    epoch: null,
  };
}

function meanOf(values: readonly (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null && Number.isFinite(value));
  return known.length === 0 ? null : known.reduce((sum, value) => sum + value, 0) / known.length;
}
