// The secondary view of each pair: who wins the typical task (per-task work per $), and why it can differ from work per $ overall (pure).
import type { RatioPair } from './pair-ratio-tasks.js';

export interface TypicalTask {
  a: string;
  b: string;
  tasks: number;
  /** Tasks where A's work per $ beats B's, the reverse, and ties (both solved nothing, or equal). */
  a_wins: number;
  b_wins: number;
  ties: number;
  /** Tasks each solved (quality 1), and each side's sums: the two factors of the ratio of sums. */
  solved_a: number;
  solved_b: number;
  work_ratio: number | null;
  dollar_ratio: number | null;
}

/**
 * Per task, A wins when qA / cA > qB / cB (a task both fail is a tie whatever either spent, a failure a loss
 * whatever it cost): "who wins the typical task", the question the share gap answered before issue 42. Work per $
 * overall is (sum qA / sum qB) / (sum cA / sum cB), the work ratio over the dollar ratio, so a provider that solves
 * a third of the tasks for a tenth of the dollars does 3.3x the work per $ and still loses most tasks.
 */
export function summarizeTypicalTask(pair: RatioPair): TypicalTask {
  let aWins = 0;
  let bWins = 0;
  let ties = 0;
  const sums = { qA: 0, cA: 0, qB: 0, cB: 0, solvedA: 0, solvedB: 0 };
  for (const task of pair.tasks) {
    const effA = rate(task.qA, task.cA);
    const effB = rate(task.qB, task.cB);
    if (effA > effB) aWins += 1;
    else if (effB > effA) bWins += 1;
    else ties += 1;
    sums.qA += task.qA;
    sums.cA += task.cA;
    sums.qB += task.qB;
    sums.cB += task.cB;
    if (task.qA >= 1) sums.solvedA += 1;
    if (task.qB >= 1) sums.solvedB += 1;
  }
  return {
    a: pair.a,
    b: pair.b,
    tasks: pair.tasks.length,
    a_wins: aWins,
    b_wins: bWins,
    ties,
    solved_a: sums.solvedA,
    solved_b: sums.solvedB,
    work_ratio: sums.qB > 0 ? sums.qA / sums.qB : null,
    dollar_ratio: sums.cB > 0 ? sums.cA / sums.cB : null,
  };
}

/** Work per $ of one task: a task with no cost and some work is worth more than any costed one. */
function rate(quality: number, cost: number): number {
  if (cost > 0) return quality / cost;
  return quality > 0 ? Number.POSITIVE_INFINITY : 0;
}
