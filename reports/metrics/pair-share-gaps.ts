// Every pair of a plan's providers, task by task, as share gaps: what the primary analysis and the stop rule both read: pure.
import { computeShareGap } from '../stats/efficiency-share.js';
import type { WindowMetrics } from './compute-window-metrics.js';
import { pairWindows } from './pair-windows.js';

/** One task both providers of a pair ran: the share gap A - B and the order they ran in. */
export interface ShareGapTask {
  subject: string;
  /** 2 * effA / (effA + effB) - 1, in [-1, 1]; positive when A did more correct work per unit. */
  gap: number;
  /** AB when A ran first. */
  sequence: 'AB' | 'BA';
  /** The efficiencies the gap came from, in the pair's unit. */
  efficiency_a: number;
  efficiency_b: number;
  /** The quality scores behind them (G1 compares quality on the same tasks). */
  quality_a: number;
  quality_b: number;
  completed_at: string;
}

export interface ShareGapPair {
  a: string;
  b: string;
  /** In the order they were complete, so the stop rule replays them as the runner saw them. */
  tasks: ShareGapTask[];
  /** Tasks one side of the pair has no efficiency for (not run, no capacity delta, another unit). */
  unpaired: number;
}

/** The k(k-1)/2 pairs of `providers` in plan order (A before B as listed), over task-level windows. */
export function pairShareGaps(windows: readonly WindowMetrics[], providers: readonly string[]): ShareGapPair[] {
  const pairs: ShareGapPair[] = [];
  for (const [i, a] of providers.entries())
    for (const b of providers.slice(i + 1)) {
      const pairing = pairWindows(windows, a, b);
      const tasks: ShareGapTask[] = [];
      for (const pair of pairing.pairs) {
        const gap = computeShareGap(pair.a.efficiency as number, pair.b.efficiency as number);
        if (gap === null) continue;
        tasks.push({
          subject: pair.subject,
          gap,
          sequence: pair.sequence,
          efficiency_a: pair.a.efficiency as number,
          efficiency_b: pair.b.efficiency as number,
          quality_a: pair.a.quality,
          quality_b: pair.b.quality,
          completed_at: pair.completed_at,
        });
      }
      pairs.push({ a, b, tasks, unpaired: pairing.unpaired + pairing.pairs.length - tasks.length });
    }
  return pairs;
}

/**
 * The pair's tasks as AB/BA crossover subjects on the share scale: y1 = the share of the provider that ran
 * first, y2 = 1 - y1, so Grizzle's treatment effect is the period-adjusted mean share gap A - B.
 */
export function toShareSubjects(pair: ShareGapPair): { subject: string; sequence: 'AB' | 'BA'; y1: number; y2: number }[] {
  return pair.tasks.map((task) => {
    const shareA = (1 + task.gap) / 2;
    const first = task.sequence === 'AB' ? shareA : 1 - shareA;
    return { subject: task.subject, sequence: task.sequence, y1: first, y2: 1 - first };
  });
}

/** The pair of `pairs` with these two providers, turned so `a` comes first (gaps negated, orders swapped); null when absent. */
export function findOrientedPair(pairs: readonly ShareGapPair[], [a, b]: readonly [string, string]): ShareGapPair | null {
  const same = pairs.find((pair) => pair.a === a && pair.b === b);
  if (same) return same;
  const turned = pairs.find((pair) => pair.a === b && pair.b === a);
  if (!turned) return null;
  return {
    a,
    b,
    unpaired: turned.unpaired,
    tasks: turned.tasks.map((task) => ({
      ...task,
      gap: -task.gap,
      sequence: task.sequence === 'AB' ? 'BA' : 'AB',
      efficiency_a: task.efficiency_b,
      efficiency_b: task.efficiency_a,
      quality_a: task.quality_b,
      quality_b: task.quality_a,
    })),
  };
}
