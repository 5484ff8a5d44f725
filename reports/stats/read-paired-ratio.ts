// Reads the ratio of sums and its SE from running moments: the delta method, two floors where few tasks mislead, and a kurtosis df (pure).
import { sumFourthPowers } from './fourth-order-sums.js';
import { CELL_WIDTH, type RatioMoments } from './ratio-moments.js';

/** Why a ratio has no delta-method interval; the caller then bounds it exactly (degenerate-ratio.ts). */
export type RatioDegeneracy = 'a-no-work' | 'b-no-work' | 'no-work' | 'no-cost' | 'no-spread' | 'too-few';

export interface PairedRatio {
  n: number;
  /** (sum qA / sum cA) / (sum qB / sum cB); null when either side did no work or spent nothing. */
  ratio: number | null;
  log_ratio: number | null;
  /** SE of ln(ratio) over tasks (the task is the unit, pairs kept): the delta method's, floored; null when degenerate. */
  log_se: number | null;
  /** Degrees of freedom for a Student t on it: tasks - 1, fewer where psi is heavy-tailed (its kurtosis above 3). */
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

/** Agresti & Coull (1998): two passes and two failures added to each side's quality before its variance is read. */
const PSEUDO_PER_OUTCOME = 2;

/**
 * The ratio at the tasks added so far (see compareRatioOfSums). Var(psi) is w' S w with w = (1/mean qA, -1/mean cA,
 * -1/mean qB, 1/mean cB) and S the columns' sample covariance; `single` reads side A alone (B's weights 0, for one
 * provider's own work per $). Two floors keep a few tasks from looking surer than they are, and a third guard
 * widens the t for heavy tails (docs/decisions/0032-interval-for-work-per-dollar.md, with the simulations):
 * 1. each side's quality variance is at least that of its tasks with two passes and two failures added (Agresti &
 *    Coull): ten tasks that all passed have a variance of 0, and the delta method then named a provider ahead at
 *    1e-5 levels in 17.6% of resampled null runs of the built-in providers (a Wald interval at p = 1);
 * 2. the cost part is at least what lognormal costs within each outcome cell imply (the tasks grouped by which side
 *    passed, each cell its own mean cost, one pooled spread of ln cost): a sample that has not met a provider's
 *    expensive tail is not taken as sure, as the lognormal fit of ADR 0029 did, but cheap failures beside costly
 *    successes (two modes of ln cost) no longer count as spread;
 * 3. the t's df fall to 2(n - 1) / (kurtosis - 1) where psi's kurtosis is above 3 (the chi-square of the same
 *    variance of the variance): a few runaway arms otherwise pass as a normal spread.
 */
export function readPairedRatio(m: RatioMoments, single = false): PairedRatio {
  const n = m.n;
  const [qA, cA, qB, cB] = m.sums as unknown as [number, number, number, number];
  // Object literals rather than spreads: simulations read this at every look of every run (a report's power).
  const make = (ratio: number | null, logRatio: number | null, logSe: number | null, degenerate: RatioDegeneracy | null, df = n - 1) => ({
    n,
    ratio,
    log_ratio: logRatio,
    log_se: logSe,
    df: n > 0 ? df : 0,
    degenerate,
    work_a: qA,
    dollars_a: cA,
    work_b: qB,
    dollars_b: cB,
  });
  const core = readCore(m, single);
  if (typeof core === 'string') {
    if (core === 'no-cost' || core === 'no-work') return make(null, null, null, core);
    if (core === 'a-no-work') return make(0, Number.NEGATIVE_INFINITY, null, core);
    return make(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, null, core);
  }
  const { logRatio, w, sample } = core;
  const ratio = Math.exp(logRatio);
  if (n < MIN_RATIO_TASKS) return make(ratio, logRatio, null, 'too-few');
  // A spread below rounding noise of the sums is none: every task says the same (a t statistic would be infinite).
  if (!isSpread(sample, n)) return make(ratio, logRatio, null, 'no-spread');
  const qualities = readQualityFloor(m, w, 0) + readQualityFloor(m, w, 2);
  const costs = readCostFloor(m, w);
  return make(ratio, logRatio, Math.sqrt((Math.max(0, sample) + qualities + costs) / n), null, readKurtosisDf(m, w, sample));
}

/**
 * ln R and the SE of the sample's spread alone, before the floors (which only widen it): a lower bound of
 * readPairedRatio's log_se, for a simulated look to see cheaply that it cannot cross or settle (decide-ratio-pair.ts).
 * Null wherever readPairedRatio has no delta-method SE.
 */
export function readLeastLogSe(m: RatioMoments): { log_ratio: number; se: number } | null {
  const core = readCore(m, false);
  if (typeof core === 'string' || m.n < MIN_RATIO_TASKS || !isSpread(core.sample, m.n)) return null;
  return { log_ratio: core.logRatio, se: Math.sqrt(core.sample / m.n) };
}

/** ln R, psi's weights and its sample variance; or why there is no ratio. */
function readCore(
  m: RatioMoments,
  single: boolean,
): { logRatio: number; w: number[]; sample: number } | 'no-cost' | 'no-work' | 'a-no-work' | 'b-no-work' {
  const [qA, cA, qB, cB] = m.sums as unknown as [number, number, number, number];
  if (cA <= 0 || cB <= 0) return 'no-cost';
  if (qA <= 0 && qB <= 0) return 'no-work';
  if (qA <= 0) return 'a-no-work';
  if (qB <= 0) return 'b-no-work';
  const logRatio = Math.log(qA) - Math.log(cA) - Math.log(qB) + Math.log(cB);
  if (m.n < MIN_RATIO_TASKS) return { logRatio, w: [], sample: 0 };
  const w = [
    1 / (m.means[0] as number),
    -1 / (m.means[1] as number),
    single ? 0 : -1 / (m.means[2] as number),
    single ? 0 : 1 / (m.means[3] as number),
  ];
  return { logRatio, w, sample: readQuadratic(m, w) / (m.n - 1) };
}

function isSpread(sample: number, n: number): boolean {
  return Math.sqrt(Math.max(0, sample) / n) > 1e-12;
}

/** w' C w over the co-moments (a sum of squares of psi, unscaled by n - 1). */
function readQuadratic(m: RatioMoments, w: readonly number[]): number {
  let sum = 0;
  for (let j = 0; j < 4; j += 1) for (let k = 0; k < 4; k += 1) sum += (w[j] as number) * (w[k] as number) * (m.co[j * 4 + k] as number);
  return sum;
}

/** What the Agresti-Coull tasks add to w_j^2 var(q_j) (column j = 0 or 2), in scaled units; 0 when they add nothing. */
function readQualityFloor(m: RatioMoments, w: readonly number[], j: number): number {
  const weight = w[j] as number;
  if (weight === 0) return 0;
  const n = m.n;
  const scale = (m.scales[j] as number) || 1;
  const mean = (m.sums[j] as number) / n;
  const squares = (m.co[j * 5] as number) * scale * scale;
  const pseudo = PSEUDO_PER_OUTCOME;
  const padded = (mean * n + pseudo) / (n + 2 * pseudo);
  const spread = squares + n * (mean - padded) ** 2 + pseudo * (1 - padded) ** 2 + pseudo * padded * padded;
  const floor = spread / (n + 2 * pseudo - 1) / (scale * scale);
  return weight * weight * Math.max(0, floor - (m.co[j * 5] as number) / (n - 1));
}

/**
 * The cost part of var(psi), var(b cB - a cA) with a = 1 / mean cA and b = 1 / mean cB (b = 0 alone), as lognormal
 * costs within each outcome cell imply it, less what the sample shows; 0 when the sample shows as much. Cell c has
 * share pi_c and mean costs mA_c, mB_c; given c, cost = mean x a lognormal factor of mean 1 whose ln has the pooled
 * within-cell (co)variances sAA, sBB, sAB: E[X^2 | c] = b^2 mB^2 e^sBB + a^2 mA^2 e^sAA - 2 a b mA mB e^sAB.
 */
function readCostFloor(m: RatioMoments, w: readonly number[]): number {
  const a = -(w[1] as number);
  const b = w[3] as number;
  let aa = 0;
  let bb = 0;
  let ab = 0;
  let df = 0;
  for (let c = 0; c < 4; c += 1) {
    const at = c * CELL_WIDTH;
    const logs = m.cells[at + 3] as number;
    if (logs < 1) continue;
    df += logs - 1;
    aa += m.cells[at + 6] as number;
    bb += m.cells[at + 7] as number;
    ab += m.cells[at + 8] as number;
  }
  if (df < 2) return 0;
  [aa, bb, ab] = [Math.expm1(aa / df), Math.expm1(bb / df), Math.expm1(ab / df)];
  let second = 0;
  let first = 0;
  for (let c = 0; c < 4; c += 1) {
    const at = c * CELL_WIDTH;
    const tasks = m.cells[at] as number;
    if (tasks === 0) continue;
    const mA = (a * (m.cells[at + 1] as number)) / tasks;
    const mB = (b * (m.cells[at + 2] as number)) / tasks;
    // The cell means are the sample's own: only the spread within a cell is the lognormal's.
    const between = mB - mA;
    second += (tasks / m.n) * (between * between + mB * mB * bb + mA * mA * aa - 2 * mA * mB * ab);
    first += (tasks / m.n) * between;
  }
  const model = second - first * first;
  const n = m.n;
  const sample = (b * b * (m.co[15] as number) + a * a * (m.co[5] as number) - 2 * a * b * (m.co[7] as number)) / (n - 1);
  // The model's between-cell part divides by n, the sample's by n - 1: compare like with like.
  return Math.max(0, model * (n / (n - 1)) - sample);
}

/**
 * 2(n - 1) / (kurtosis - 1), at most n - 1, where psi's kurtosis m4 / m2^2 is above 3 (a normal's): the df of a
 * chi-square with the same relative variance of the sample variance, (kurtosis - 1) / n. Sum psi^4 comes from the
 * fourth-order sums, psi = sum w_j x_j having mean 0 (sum w_j mean_j = 1 - 1 - 1 + 1, or 1 - 1 alone).
 */
function readKurtosisDf(m: RatioMoments, w: readonly number[], variance: number): number {
  const n = m.n;
  const { sum: fourth, magnitude } = sumFourthPowers(m.fourth, w);
  // Sum psi^4 is a sum of terms of both signs: where it is below their size's rounding, it says nothing.
  if (!(fourth > 1e-9 * magnitude)) return n - 1;
  const m2 = (variance * (n - 1)) / n;
  const kurtosis = fourth / n / (m2 * m2);
  if (!(kurtosis > 3)) return n - 1;
  return Math.max(1, Math.min(n - 1, (2 * (n - 1)) / (kurtosis - 1)));
}
