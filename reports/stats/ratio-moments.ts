// Running moments of paired tasks (quality and cost of two providers), read as the ratio of sums and its SE at any prefix in O(1) (pure).

/** One task both providers ran: each side's quality (0..1, the mean of its epochs) and dollars (the same). */
export interface RatioTask {
  qA: number;
  cA: number;
  qB: number;
  cB: number;
}

/** Why a ratio has no delta-method interval; the caller then bounds it exactly (degenerate-ratio.ts). */
export type RatioDegeneracy = 'a-no-work' | 'b-no-work' | 'no-work' | 'no-cost' | 'no-spread' | 'too-few';

export interface PairedRatio {
  n: number;
  /** (sum qA / sum cA) / (sum qB / sum cB); null when either side did no work or spent nothing. */
  ratio: number | null;
  log_ratio: number | null;
  /** The delta method's SE of ln(ratio) over tasks (the task is the unit, pairs kept); null when degenerate. */
  log_se: number | null;
  /** Degrees of freedom for a Student t on it: tasks - 1. */
  df: number;
  degenerate: RatioDegeneracy | null;
  /** The sums behind it. */
  work_a: number;
  dollars_a: number;
  work_b: number;
  dollars_b: number;
}

/** Fewer tasks than this have no interval from the delta method (one SD from two points is no estimate). */
export const MIN_RATIO_TASKS = 3;

/**
 * The four columns qA, cA, qB, cB: sums in task order, and Welford means and co-moments of each column divided by
 * its first value above 0 (`scales`): psi is relative, so the scale cancels, and squares of costs near 1e-300 (bars
 * read in odd units) would underflow to 0 unscaled.
 */
export interface RatioMoments {
  n: number;
  sums: Float64Array;
  scales: Float64Array;
  means: Float64Array;
  /** Co-moments C[j][k] = sum (x_j - mean_j)(x_k - mean_k), row-major 4 x 4. */
  co: Float64Array;
  /** ln cA and ln cB over tasks where both costs are above 0: their count, means and co-moments (3: AA, BB, AB). */
  logN: number;
  logMeans: Float64Array;
  logCo: Float64Array;
}

export function createRatioMoments(): RatioMoments {
  return {
    n: 0,
    sums: new Float64Array(4),
    scales: new Float64Array(4),
    means: new Float64Array(4),
    co: new Float64Array(16),
    logN: 0,
    logMeans: new Float64Array(2),
    logCo: new Float64Array(3),
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
  if (task.cA > 0 && task.cB > 0) {
    const lA = Math.log(task.cA);
    const lB = Math.log(task.cB);
    m.logN += 1;
    const dA = lA - (m.logMeans[0] as number);
    const dB = lB - (m.logMeans[1] as number);
    m.logMeans[0] = (m.logMeans[0] as number) + dA / m.logN;
    m.logMeans[1] = (m.logMeans[1] as number) + dB / m.logN;
    m.logCo[0] = (m.logCo[0] as number) + dA * (lA - (m.logMeans[0] as number));
    m.logCo[1] = (m.logCo[1] as number) + dB * (lB - (m.logMeans[1] as number));
    m.logCo[2] = (m.logCo[2] as number) + dA * (lB - (m.logMeans[1] as number));
  }
}

/**
 * The paired ratio at the tasks added so far (see compareRatioOfSums). Var(psi) is w' S w with w = (1/mean qA,
 * -1/mean cA, -1/mean qB, 1/mean cB) and S the columns' sample covariance. Its cost part, var(cB/mean cB -
 * cA/mean cA), is floored at what a lognormal fit of the costs implies, (e^sA^2 - 1) + (e^sB^2 - 1) - 2(e^sAB - 1)
 * with s the SDs and covariance of ln cost: a sample that has not yet met a provider's expensive tail looks both
 * cheap and sure of itself, and the delta method then named the long-tailed provider ahead 12-16% of the time at
 * alpha 0.05 (lognormal costs of SD 1.5 beside SD 0.2, 20 to 200 tasks: docs/reports.md); the log scale sees the
 * tail's width from the bulk. Only ever widens the interval (docs/decisions/0029-work-per-dollar.md).
 */
export function readPairedRatio(m: RatioMoments): PairedRatio {
  const n = m.n;
  const [qA, cA, qB, cB] = m.sums as unknown as [number, number, number, number];
  // Object literals rather than spreads: simulations read this at every look of every run (a report's power).
  const make = (
    ratio: number | null,
    logRatio: number | null,
    logSe: number | null,
    degenerate: PairedRatio['degenerate'],
  ): PairedRatio => ({
    n,
    ratio,
    log_ratio: logRatio,
    log_se: logSe,
    df: n > 0 ? n - 1 : 0,
    degenerate,
    work_a: qA,
    dollars_a: cA,
    work_b: qB,
    dollars_b: cB,
  });
  if (cA <= 0 || cB <= 0) return make(null, null, null, 'no-cost');
  if (qA <= 0 && qB <= 0) return make(null, null, null, 'no-work');
  if (qA <= 0) return make(0, Number.NEGATIVE_INFINITY, null, 'a-no-work');
  if (qB <= 0) return make(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, null, 'b-no-work');
  const logRatio = Math.log(qA) - Math.log(cA) - Math.log(qB) + Math.log(cB);
  const ratio = Math.exp(logRatio);
  if (n < MIN_RATIO_TASKS) return make(ratio, logRatio, null, 'too-few');
  const w0 = 1 / (m.means[0] as number);
  const w1 = -1 / (m.means[1] as number);
  const w2 = -1 / (m.means[2] as number);
  const w3 = 1 / (m.means[3] as number);
  const w = [w0, w1, w2, w3];
  let variance = 0;
  for (let j = 0; j < 4; j += 1)
    for (let k = 0; k < 4; k += 1) variance += (w[j] as number) * (w[k] as number) * (m.co[j * 4 + k] as number);
  variance = Math.max(0, variance / (n - 1));
  // A spread below rounding noise of the sums is none: every task says the same (a t statistic would be infinite).
  if (!(Math.sqrt(variance / n) > 1e-12)) return make(ratio, logRatio, null, 'no-spread');
  const costs = readCostVariance(m, w);
  const floored = variance + Math.max(0, readLognormalCostVariance(m) - costs);
  return make(ratio, logRatio, Math.sqrt(floored / n), null);
}

/** var(cB/mean cB - cA/mean cA) from the co-moments: the cost part of var(psi). */
function readCostVariance(m: RatioMoments, w: readonly number[]): number {
  const [, a, , b] = w as [number, number, number, number];
  const c = (j: number, k: number) => (m.co[j * 4 + k] as number) / (m.n - 1);
  return a * a * c(1, 1) + b * b * c(3, 3) + 2 * a * b * c(1, 3);
}

/** What a lognormal fit implies for the same cost part; 0 with fewer than 3 tasks where both costs are above 0. */
function readLognormalCostVariance(m: RatioMoments): number {
  if (m.logN < MIN_RATIO_TASKS) return 0;
  const d = m.logN - 1;
  const [aa, bb, ab] = [(m.logCo[0] as number) / d, (m.logCo[1] as number) / d, (m.logCo[2] as number) / d];
  return Math.expm1(aa) + Math.expm1(bb) - 2 * Math.expm1(ab);
}

/** All of `tasks` added in order. */
export function accumulateRatioTasks(tasks: readonly RatioTask[]): RatioMoments {
  const m = createRatioMoments();
  for (const task of tasks) addRatioTask(m, task);
  return m;
}
