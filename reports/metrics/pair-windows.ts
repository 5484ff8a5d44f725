// Pairs the windows of two providers on the same task, for the paired and crossover analyses: pure.
import type { WindowMetrics } from './compute-window-metrics.js';

/** One task met by both providers: A's and B's window, the difference A - B and the order they ran in. */
export interface TaskPair {
  /** `plan:feature` when the windows belong to a plan, else the feature id. */
  subject: string;
  feature_id: string;
  a: WindowMetrics;
  b: WindowMetrics;
  /** Efficiency of A minus efficiency of B (positive: A gets more quality per unit of capacity). */
  diff: number;
  quality_diff: number;
  /** AB when A ran in period 1. */
  sequence: 'AB' | 'BA';
  /** Outcomes in period 1 and period 2 (efficiency), as the crossover analysis wants them. */
  y1: number;
  y2: number;
  /** When the pair was complete: the later window's completion. */
  completed_at: string;
}

export interface PairingResult {
  a: string;
  b: string;
  pairs: TaskPair[];
  /** Tasks seen on one side only, or without an efficiency on a side, or in different units. */
  unpaired: number;
  /** Extra windows of a provider on a task it already has a window for (the first one is used). */
  repeats: number;
}

/**
 * Picks the two providers to compare: the requested ones, else the two with the most windows that name a
 * task (ties by name). Null when fewer than two providers have such windows.
 */
export function choosePairProviders(windows: readonly WindowMetrics[], requested?: readonly string[]): [string, string] | null {
  if (requested && requested.length >= 2) return [requested[0] as string, requested[1] as string];
  const counts = new Map<string, number>();
  for (const window of windows) if (window.feature_id !== null) counts.set(window.provider, (counts.get(window.provider) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).map(([provider]) => provider);
  if (ranked.length < 2) return null;
  return [ranked[0] as string, ranked[1] as string].sort((x, y) => x.localeCompare(y)) as [string, string];
}

/**
 * Pairs A's and B's first window on each task (feature id, within its plan when there is one). The
 * period comes from the windows' `period` when both have one, else from which window started first.
 * Pairs are ordered by when they were complete, so the confidence sequence can replay them.
 */
export function pairWindows(windows: readonly WindowMetrics[], a: string, b: string): PairingResult {
  const tasks = new Map<string, { a?: WindowMetrics; b?: WindowMetrics; feature_id: string }>();
  let repeats = 0;
  for (const window of windows) {
    if (window.feature_id === null || (window.provider !== a && window.provider !== b)) continue;
    const subject = window.plan_id === null ? window.feature_id : `${window.plan_id}:${window.feature_id}`;
    let task = tasks.get(subject);
    if (!task) tasks.set(subject, (task = { feature_id: window.feature_id }));
    const side = window.provider === a ? 'a' : 'b';
    if (task[side]) repeats += 1;
    else task[side] = window;
  }
  const pairs: TaskPair[] = [];
  let unpaired = 0;
  for (const [subject, task] of tasks) {
    const pair = task.a && task.b ? toPair(subject, task.feature_id, task.a, task.b) : null;
    if (pair) pairs.push(pair);
    else unpaired += 1;
  }
  pairs.sort((x, y) => Date.parse(x.completed_at) - Date.parse(y.completed_at) || x.subject.localeCompare(y.subject));
  return { a, b, pairs, unpaired, repeats };
}

function toPair(subject: string, featureId: string, a: WindowMetrics, b: WindowMetrics): TaskPair | null {
  if (a.efficiency === null || b.efficiency === null || a.unit !== b.unit) return null;
  const aFirst = a.period !== null && b.period !== null && a.period !== b.period ? a.period < b.period : startOf(a) <= startOf(b);
  const completed = Math.max(Date.parse(a.completed_at), Date.parse(b.completed_at));
  return {
    subject,
    feature_id: featureId,
    a,
    b,
    diff: a.efficiency - b.efficiency,
    quality_diff: a.quality - b.quality,
    sequence: aFirst ? 'AB' : 'BA',
    y1: aFirst ? a.efficiency : b.efficiency,
    y2: aFirst ? b.efficiency : a.efficiency,
    completed_at: new Date(completed).toISOString(),
  };
}

function startOf(window: WindowMetrics): number {
  const at = Date.parse(window.started_at ?? window.completed_at);
  return Number.isNaN(at) ? 0 : at;
}
