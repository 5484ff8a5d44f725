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
  /** Tasks A failed (quality below 1) that B solved, and the reverse: each a per-task loss whatever it cost. */
  a_failed_b_solved: number;
  b_failed_a_solved: number;
  /** Each side's runaway tasks: those costing more than RUNAWAY_MULTIPLE times its median task, and their share of its dollars. */
  runaway_a: Runaway;
  runaway_b: Runaway;
}

export interface Runaway {
  tasks: number;
  /** Share of the side's dollars they hold (0 when none). */
  share: number;
  /** A's work per $ over B's on the pair's tasks without them; null when none, or nothing is left to compare. */
  ratio_without: number | null;
}

/** A task costing more than this many times the provider's median task is a runaway (a loop, a retry storm). */
export const RUNAWAY_MULTIPLE = 5;

/**
 * Per task, A wins when qA / cA > qB / cB (a task both fail is a tie whatever either spent, a failure a loss
 * whatever it cost): "who wins the typical task", the question the share gap answered before work per dollar (ADR 0029). Work per $
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
    a_failed_b_solved: pair.tasks.filter((t) => t.qA < 1 && t.qB >= 1).length,
    b_failed_a_solved: pair.tasks.filter((t) => t.qB < 1 && t.qA >= 1).length,
    runaway_a: findRunaways(pair, (t) => t.cA),
    runaway_b: findRunaways(pair, (t) => t.cB),
  };
}

/** One side's runaway tasks (cost above RUNAWAY_MULTIPLE x its median), their share of its dollars, and the ratio without them. */
function findRunaways(pair: RatioPair, cost: (task: RatioPair['tasks'][number]) => number): Runaway {
  const costs = pair.tasks.map(cost).sort((x, y) => x - y);
  const total = costs.reduce((sum, c) => sum + c, 0);
  const median =
    costs.length === 0
      ? 0
      : ((costs[Math.floor((costs.length - 1) / 2)] as number) + (costs[Math.ceil((costs.length - 1) / 2)] as number)) / 2;
  const isRunaway = (task: RatioPair['tasks'][number]): boolean => median > 0 && cost(task) > RUNAWAY_MULTIPLE * median;
  const runaways = pair.tasks.filter(isRunaway);
  if (runaways.length === 0 || total <= 0) return { tasks: 0, share: 0, ratio_without: null };
  const rest = pair.tasks.filter((task) => !isRunaway(task));
  const sum = (pick: (task: RatioPair['tasks'][number]) => number) => rest.reduce((acc, task) => acc + pick(task), 0);
  const [qA, cA, qB, cB] = [sum((t) => t.qA), sum((t) => t.cA), sum((t) => t.qB), sum((t) => t.cB)];
  return {
    tasks: runaways.length,
    share: runaways.reduce((acc, task) => acc + cost(task), 0) / total,
    ratio_without: qA > 0 && qB > 0 && cA > 0 && cB > 0 ? qA / cA / (qB / cB) : null,
  };
}

/** Work per $ of one task: a task with no cost and some work is worth more than any costed one. */
function rate(quality: number, cost: number): number {
  if (cost > 0) return quality / cost;
  return quality > 0 ? Number.POSITIVE_INFINITY : 0;
}
