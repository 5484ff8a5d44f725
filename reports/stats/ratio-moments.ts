// Running moments of paired tasks (quality and cost of two providers), kept so a look reads the ratio and its SE in O(1) (pure).
import { addFourthOrder, FOURTH_ORDER_TERMS } from './fourth-order-sums.js';

/** One task both providers ran: each side's quality (0..1, the mean of its epochs) and dollars (the same). */
export interface RatioTask {
  qA: number;
  cA: number;
  qB: number;
  cB: number;
}

/**
 * The four columns qA, cA, qB, cB: sums in task order, and Welford means and co-moments of each column divided by
 * its first value above 0 (`scales`): psi is relative, so the scale cancels, and squares of costs near 1e-300 (bars
 * read in odd units) would underflow to 0 unscaled. Beside them, what the read's two floors and its degrees of
 * freedom need (read-paired-ratio.ts): per outcome cell, the costs and their logs; and the fourth-order sums.
 */
export interface RatioMoments {
  n: number;
  sums: Float64Array;
  scales: Float64Array;
  means: Float64Array;
  /** Co-moments C[j][k] = sum (x_j - mean_j)(x_k - mean_k), row-major 4 x 4. */
  co: Float64Array;
  /**
   * Per outcome cell (CELL_OF: A passed, B passed, 2 bits): tasks, sums of the scaled costs (A, B), and over its tasks
   * where both costs are above 0 their count, the means of ln cA and ln cB and their co-moments (AA, BB, AB):
   * CELL_WIDTH values a cell.
   */
  cells: Float64Array;
  /** Sums over tasks of x_a x_b x_c x_d (scaled columns), one per multiset {a <= b <= c <= d} (fourth-order-sums.ts). */
  fourth: Float64Array;
}

/** Values per cell in RatioMoments.cells: tasks, cost sum A, cost sum B, log count, log mean A, B, co AA, BB, AB. */
export const CELL_WIDTH = 9;

/** A side "passed" a task at quality 0.5 or more (a task's epochs averaged: most of its runs resolved it). */
export function findCell(task: RatioTask): number {
  return (task.qA >= 0.5 ? 2 : 0) + (task.qB >= 0.5 ? 1 : 0);
}

export function createRatioMoments(): RatioMoments {
  return {
    n: 0,
    sums: new Float64Array(4),
    scales: new Float64Array(4),
    means: new Float64Array(4),
    co: new Float64Array(16),
    cells: new Float64Array(4 * CELL_WIDTH),
    fourth: new Float64Array(FOURTH_ORDER_TERMS),
  };
}

// Scratch for addRatioTask: simulations call it for every task of every run (a report's power, ~10^7 calls), and
// two arrays allocated per call were 42% of `experiment report`'s CPU on a 10,000-window plan plus most of its GC.
const raw = new Float64Array(4);
const x = new Float64Array(4);
const delta = new Float64Array(4);
const after = new Float64Array(4);

/** Welford's update of means and co-moments (Welford 1962; the multivariate form of Chan, Golub & LeVeque 1983). */
export function addRatioTask(m: RatioMoments, task: RatioTask): void {
  raw[0] = task.qA;
  raw[1] = task.cA;
  raw[2] = task.qB;
  raw[3] = task.cB;
  m.n += 1;
  for (let j = 0; j < 4; j += 1) {
    const value = raw[j] as number;
    // Until a column has a value above 0 every value so far was 0, so its moments are 0 whatever the scale.
    if (m.scales[j] === 0 && value > 0) m.scales[j] = value;
    const scale = m.scales[j] as number;
    x[j] = scale === 0 ? value : value / scale;
    m.sums[j] = (m.sums[j] as number) + value;
    delta[j] = (x[j] as number) - (m.means[j] as number);
    m.means[j] = (m.means[j] as number) + (delta[j] as number) / m.n;
    after[j] = (x[j] as number) - (m.means[j] as number);
  }
  for (let j = 0; j < 4; j += 1)
    for (let k = 0; k < 4; k += 1) m.co[j * 4 + k] = (m.co[j * 4 + k] as number) + (delta[j] as number) * (after[k] as number);
  addFourthOrder(m.fourth, x[0] as number, x[1] as number, x[2] as number, x[3] as number);
  addToCell(m.cells, findCell(task) * CELL_WIDTH, task);
}

/** One task into its outcome cell: the count and cost sums (scaled), and Welford's update of the logs where both costs are above 0. */
function addToCell(cells: Float64Array, at: number, task: RatioTask): void {
  cells[at] = (cells[at] as number) + 1;
  cells[at + 1] = (cells[at + 1] as number) + (x[1] as number);
  cells[at + 2] = (cells[at + 2] as number) + (x[3] as number);
  if (!(task.cA > 0 && task.cB > 0)) return;
  const lA = Math.log(task.cA);
  const lB = Math.log(task.cB);
  const count = (cells[at + 3] as number) + 1;
  cells[at + 3] = count;
  const dA = lA - (cells[at + 4] as number);
  const dB = lB - (cells[at + 5] as number);
  cells[at + 4] = (cells[at + 4] as number) + dA / count;
  cells[at + 5] = (cells[at + 5] as number) + dB / count;
  cells[at + 6] = (cells[at + 6] as number) + dA * (lA - (cells[at + 4] as number));
  cells[at + 7] = (cells[at + 7] as number) + dB * (lB - (cells[at + 5] as number));
  cells[at + 8] = (cells[at + 8] as number) + dA * (lB - (cells[at + 5] as number));
}

/** All of `tasks` added in order. */
export function accumulateRatioTasks(tasks: readonly RatioTask[]): RatioMoments {
  const m = createRatioMoments();
  for (const task of tasks) addRatioTask(m, task);
  return m;
}
