// Every pair of a plan's providers, task by task: each side's quality and cost, in the order the pairs were complete: pure.
import type { RatioTask } from '../stats/ratio-of-sums.js';
import type { WindowMetrics } from './compute-window-metrics.js';

/** One task both providers of a pair ran, with a known cost on both sides. */
export interface RatioPairTask extends RatioTask {
  subject: string;
  /** AB when A ran first. */
  sequence: 'AB' | 'BA';
  /** When the task was complete: its last window's completion, of any provider of the plan (pairRatioTasks). */
  completed_at: string;
}

export interface RatioPair {
  a: string;
  b: string;
  /** In the order the tasks were complete, so the looks replay them as the runner saw them. */
  tasks: RatioPairTask[];
  /** Tasks one side has no window for, or no known cost. */
  unpaired: number;
}

/**
 * A window's cost in its efficiency unit: dollars of subscription (`usd`), % of its own 5h bar (`pct_5h`), or
 * millions of tokens (`tokens`: a token-metered window, or `--unit tokens`). Null when unknown, never 0 for unknown:
 * a window that cost $0 (no request) counts as $0, one with no price is left out.
 */
export function readCost(window: WindowMetrics): number | null {
  if (window.unit === 'usd') return window.usd;
  if (window.unit === 'pct_5h') return window.capacity_delta;
  if (window.unit === 'tokens') {
    const tokens = window.tokens ?? window.capacity_delta;
    return tokens === null ? null : tokens / 1_000_000;
  }
  return null;
}

/**
 * The k(k-1)/2 pairs of `providers` in plan order (A before B as listed), over task-level windows. A task enters
 * every pair when its last arm completes, not when the pair's two do: the runner runs a plan period by period, so
 * with 3 providers or more the tasks whose pair ran in the first periods would come first, all of one sequence, and
 * any effect of running first would look like a difference between the two (measured: 4 providers equal but for a
 * first arm dearer by 1 / 0.7, 300 tasks: 7.1% false claims at alpha 0.05; the last period runs in plan order, whose
 * sequences are cycled, so a pair sees them balanced).
 */
export function pairRatioTasks(windows: readonly WindowMetrics[], providers: readonly string[]): RatioPair[] {
  const bySubject = new Map<string, Map<string, WindowMetrics>>();
  const subjectOf = (window: WindowMetrics): string =>
    window.plan_id === null ? (window.feature_id as string) : `${window.plan_id}:${window.feature_id}`;
  const pending = findPendingTasks(windows, subjectOf);
  for (const window of windows) {
    if (window.feature_id === null || !providers.includes(window.provider)) continue;
    const subject = subjectOf(window);
    if (pending.has(subject)) continue;
    let sides = bySubject.get(subject);
    if (!sides) bySubject.set(subject, (sides = new Map()));
    // The first window of a provider on a task (reduceEpochs has already made one of its epochs).
    if (!sides.has(window.provider)) sides.set(window.provider, window);
  }
  const pairs: RatioPair[] = [];
  for (const [i, a] of providers.entries())
    for (const b of providers.slice(i + 1)) {
      const tasks: RatioPairTask[] = [];
      let unpaired = 0;
      for (const [subject, sides] of bySubject) {
        const wa = sides.get(a);
        const wb = sides.get(b);
        if (!wa && !wb) continue;
        const cA = wa ? readCost(wa) : null;
        const cB = wb ? readCost(wb) : null;
        if (!wa || !wb || cA === null || cB === null) {
          unpaired += 1;
          continue;
        }
        const completed = Math.max(...[...sides.values()].map((window) => Date.parse(window.completed_at)));
        tasks.push({
          subject,
          sequence: ranFirst(wa, wb) ? 'AB' : 'BA',
          qA: wa.quality,
          cA,
          qB: wb.quality,
          cB,
          completed_at: new Date(completed).toISOString(),
        });
      }
      tasks.sort((x, y) => Date.parse(x.completed_at) - Date.parse(y.completed_at) || x.subject.localeCompare(y.subject));
      pairs.push({ a, b, tasks, unpaired });
    }
  return pairs;
}

/**
 * The planned tasks some of whose arms have not run yet: a task of a plan of k providers (its sequence names k) with
 * fewer than k providers' windows. Windows outside a plan are never pending. After the run, a task whose arm never
 * ran stays out of every pair (the runner runs or retries every arm).
 */
function findPendingTasks(windows: readonly WindowMetrics[], subjectOf: (window: WindowMetrics) => string): Set<string> {
  const seen = new Map<string, { planned: number; providers: Set<string> }>();
  for (const window of windows) {
    if (window.feature_id === null || !window.sequence || !window.plan_id) continue;
    const subject = subjectOf(window);
    const task = seen.get(subject) ?? { planned: window.sequence.length, providers: new Set<string>() };
    task.providers.add(window.provider);
    seen.set(subject, task);
  }
  return new Set([...seen].filter(([, task]) => task.providers.size < task.planned).map(([subject]) => subject));
}

/** The period when both windows have one, else which started first. */
function ranFirst(a: WindowMetrics, b: WindowMetrics): boolean {
  if (a.period !== null && b.period !== null && a.period !== b.period) return a.period < b.period;
  return startOf(a) <= startOf(b);
}

function startOf(window: WindowMetrics): number {
  const at = Date.parse(window.started_at ?? window.completed_at);
  return Number.isNaN(at) ? 0 : at;
}
