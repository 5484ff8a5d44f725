// The bets of a ratio's betting sequence: each cell's, from the earlier tasks' sums only (pure).
import type { SequenceGrid } from './ratio-sequence-grid.js';

/** n, then qA, cA, qB, cB, then their products i <= j in that order (qA qA, qA cA, ..., cB cB). */
export const TASK_SUMS = 15;
const N = 0;
const QA = 1;
const CA = 2;
const QB = 3;
const CB = 4;
const QAQA = 5;
const QACA = 6;
const QAQB = 7;
const QACB = 8;
const CACA = 9;
const CAQB = 10;
const CACB = 11;
const QBQB = 12;
const QBCB = 13;
const CBCB = 14;

/**
 * The bettor's prior (ADR 0041, measured there): one pseudo-task with quality 1/2 and cost 1/5 of the budget per
 * side, a prior second moment of 1/20 of a statistic's range squared, a bet at most 95% of what the worst task could
 * take, and X's mean shrunk by half its SE (a nuisance bet is noise until its mean shows).
 */
const PRIOR_TASKS = 1;
const PRIOR_QUALITY = 0.5;
const PRIOR_COST = 0.2;
const PRIOR_SPREAD = 0.05;
const MAX_STAKE = 0.95;
const NUISANCE_SHRINK = 0.5;
/**
 * Beyond 64x from the estimate either way a row may bet otherwise where that promises more (betCell): there Z's hedge
 * only adds exposure (a bet scaled down 8x), and cells at 4,000x stayed in the sequence for ever. Nearer, Z's bet alone:
 * at 4x the choice cost power (the detectable ratio of 12 tasks 2.61x without it, 2.78x with it) and doubled the time.
 */
const FAR = Math.log(64);

export interface BetScratch {
  /** Per row: scaled ratios t' at its edges and center, the hedge k and Z's moments. */
  t0s: Float64Array;
  t1s: Float64Array;
  tc: Float64Array;
  k: Float64Array;
  meanZ: Float64Array;
  a11: Float64Array;
  a12: Float64Array;
  a22: Float64Array;
  /** Per column: its lower edge and center, and X's bet. */
  w0: Float64Array;
  wc: Float64Array;
  lx: Float64Array;
  d: number;
  /** The estimate of t' from the earlier tasks (with the prior): which side a row's ratio puts behind. */
  estimate: number;
  /** The sums and prior means the plain bettor reads (betCell). */
  s: Float64Array;
  mqA: number;
  mcA: number;
  mqB: number;
  mcB: number;
  meanX: Float64Array;
  secondX: Float64Array;
  /** Per row: 1 when its ratio is over FAR times from the estimate either way (the plain bettor may take over). */
  far: Uint8Array;
}

export const PLAIN = { on: true, factor: 1, far: Math.log(2) };

export function createBetScratch(grid: SequenceGrid): BetScratch {
  const rows = grid.t0.length;
  const columns = grid.w0.length;
  const wc = new Float64Array(columns);
  for (let j = 0; j < columns; j += 1) wc[j] = centerOf(grid.w0[j] as number, grid.w1[j] as number);
  const make = () => new Float64Array(rows);
  return {
    t0s: make(),
    t1s: make(),
    tc: make(),
    k: make(),
    meanZ: make(),
    a11: make(),
    a12: make(),
    a22: make(),
    w0: Float64Array.from(grid.w0),
    wc,
    lx: new Float64Array(columns),
    d: 1,
    estimate: 1,
    s: new Float64Array(TASK_SUMS),
    mqA: 0,
    mcA: 0,
    mqB: 0,
    mcB: 0,
    meanX: new Float64Array(columns),
    secondX: new Float64Array(columns),
    far: new Uint8Array(rows),
  };
}

/**
 * The parts of every bet that depend on a row or a column alone, from the sums of the tasks before this one. Z =
 * (qA - k qB) - w (t' cA - k cB) with k = t' mean cA / mean cB: its mean does not depend on w (Neyman-orthogonal to
 * the nuisance), so near the truth's w its bet needs no learning of w; X = qB - w cB rejects the w far from it.
 */
export function prepareBets(
  scratch: BetScratch,
  s: Float64Array,
  grid: SequenceGrid,
  scale: number,
  rowLive: Int32Array,
  columnLive: Int32Array,
): void {
  const n = s[N] as number;
  const d = n + PRIOR_TASKS;
  scratch.d = d;
  const mqA = ((s[QA] as number) + PRIOR_TASKS * PRIOR_QUALITY) / d;
  const mqB = ((s[QB] as number) + PRIOR_TASKS * PRIOR_QUALITY) / d;
  const mcA = ((s[CA] as number) + PRIOR_TASKS * PRIOR_COST) / d;
  const mcB = ((s[CB] as number) + PRIOR_TASKS * PRIOR_COST) / d;
  const costRatio = mcA / mcB;
  const estimate = mqA / mcA / (mqB / mcB);
  scratch.estimate = estimate;
  scratch.s = s;
  scratch.mqA = mqA;
  scratch.mcA = mcA;
  scratch.mqB = mqB;
  scratch.mcB = mcB;
  for (let r = 0; r < grid.t0.length; r += 1) {
    if (rowLive[r] === 0) continue;
    const t0 = grid.t0[r] as number;
    const t1 = grid.t1[r] as number;
    const t = scale * centerOf(t0, t1);
    const k = t * costRatio;
    scratch.t0s[r] = scale * t0;
    scratch.t1s[r] = scale * t1;
    scratch.tc[r] = t;
    scratch.k[r] = k;
    scratch.meanZ[r] = mqA - k * mqB;
    scratch.far[r] = Math.abs(Math.log(t / estimate)) > FAR ? 1 : 0;
    scratch.a11[r] = (s[QAQA] as number) - 2 * k * (s[QAQB] as number) + k * k * (s[QBQB] as number);
    scratch.a22[r] = t * t * (s[CACA] as number) - 2 * t * k * (s[CACB] as number) + k * k * (s[CBCB] as number);
    scratch.a12[r] = t * (s[QACA] as number) - k * (s[QACB] as number) - t * k * (s[CAQB] as number) + k * k * (s[QBCB] as number);
  }
  for (let j = 0; j < grid.w0.length; j += 1) {
    if (columnLive[j] === 0) continue;
    const w = scratch.wc[j] as number;
    const mean = ((s[QB] as number) - w * (s[CB] as number)) / d;
    const second =
      ((s[QBQB] as number) - 2 * w * (s[QBCB] as number) + w * w * (s[CBCB] as number) + PRIOR_TASKS * PRIOR_SPREAD * (1 + w) ** 2) / d;
    scratch.lx[j] = shrinkBet(mean, second, n);
    scratch.meanX[j] = mean;
    scratch.secondX[j] = second;
  }
}

/**
 * The bets (gy on Y, gx on X) of cell (row, column), written to out[0], out[1]: Kelly's to second order on Z and, apart,
 * on the nuisance statistic of the side the row's ratio puts behind the estimate (X, B's, when t' is below it), held
 * to the cell (holdBet); the joint one learned worse (ADR 0041). The pair's two orders differ only there: as (B, A)
 * Z is -Z / k, the same bet, and the nuisance Y. Always X made the decision depend on the order: with the
 * heavy-tailed provider second (two-tails:ahead=2, 80 tasks) power was 0.11 against 0.49 first; by this choice the
 * two orders bet alike (ADR 0041's addendum of 2026-11-29).
 */
export function betCell(scratch: BetScratch, row: number, column: number, aMax: number, bMax: number, out: Float64Array): void {
  const w = scratch.wc[column] as number;
  const t = scratch.tc[row] as number;
  const k = scratch.k[row] as number;
  const range = 1 + k + w * (t + k);
  const zz =
    ((scratch.a11[row] as number) -
      2 * w * (scratch.a12[row] as number) +
      w * w * (scratch.a22[row] as number) +
      PRIOR_TASKS * PRIOR_SPREAD * range * range) /
    scratch.d;
  const lz = (scratch.meanZ[row] as number) / zz;
  if (t > scratch.estimate) {
    const a = t * w;
    const secondY = readSecondY(scratch, a);
    holdBet(lz + shrinkBet(readMeanY(scratch, a), secondY, scratch.d - PRIOR_TASKS), -lz * k, aMax, bMax, out);
  } else holdBet(lz, (scratch.lx[column] as number) - lz * k, aMax, bMax, out);
  if (scratch.far[row] !== 1) return;
  // Far from the estimate Z's hedge only adds exposure (a bet scaled down 8x, and cells at 4,000x stayed in for ever),
  // and a cell can span a wide range of A's work per budget (a from 0 to infinity next to w = 0): each of four bets (Z's,
  // Kelly's on Y and X apart, on X alone, on Y alone), held to the cell, is judged by its least predicted growth at the
  // cell's two far corners, and the best taken.
  const nearB = scratch.w0[column] as number;
  const nearA = (scratch.t0s[row] as number) * nearB;
  const farA = Number.isFinite(aMax) ? aMax : nearA;
  const farB = Number.isFinite(bMax) ? bMax : nearB;
  const py = readMeanY(scratch, t * w) / readSecondY(scratch, t * w);
  const px = scratch.lx[column] as number;
  let bestY = out[0] as number;
  let bestX = out[1] as number;
  let best = Math.min(predictGrowth(scratch, nearA, nearB, bestY, bestX), predictGrowth(scratch, farA, farB, bestY, bestX));
  // Scalars, not an array of candidates and a closure: this runs for every far cell at every task.
  for (let candidate = 0; candidate < 3; candidate += 1) {
    holdBet(candidate === 1 ? 0 : py, candidate === 2 ? 0 : px, aMax, bMax, out);
    const y = out[0] as number;
    const x = out[1] as number;
    const growth = Math.min(predictGrowth(scratch, nearA, nearB, y, x), predictGrowth(scratch, farA, farB, y, x));
    if (growth > best) {
      best = growth;
      bestY = y;
      bestX = x;
    }
  }
  out[0] = bestY;
  out[1] = bestX;
}

/** Kelly's bet to second order on a nuisance statistic, its mean shrunk by NUISANCE_SHRINK of its SE over n tasks. */
function shrinkBet(mean: number, second: number, n: number): number {
  const se = n > 0 ? Math.sqrt(Math.max(0, second - mean * mean) / n) : 0;
  return (Math.sign(mean) * Math.max(0, Math.abs(mean) - NUISANCE_SHRINK * se)) / second;
}

function readMeanY(scratch: BetScratch, a: number): number {
  const s = scratch.s;
  return ((s[QA] as number) + PRIOR_TASKS * (PRIOR_QUALITY - a * PRIOR_COST) - a * (s[CA] as number)) / scratch.d;
}

function readSecondY(scratch: BetScratch, a: number): number {
  const s = scratch.s;
  return (
    ((s[QAQA] as number) - 2 * a * (s[QACA] as number) + a * a * (s[CACA] as number) + PRIOR_TASKS * PRIOR_SPREAD * (1 + a) ** 2) /
    scratch.d
  );
}

/** E log(1 + gy Y + gx X) to second order at the point (a, b), from the earlier tasks' sums. */
function predictGrowth(scratch: BetScratch, a: number, b: number, gy: number, gx: number): number {
  const s = scratch.s;
  const d = scratch.d;
  const my = readMeanY(scratch, a);
  const mx = ((s[QB] as number) - b * (s[CB] as number)) / d;
  const yy = readSecondY(scratch, a);
  const xx =
    ((s[QBQB] as number) - 2 * b * (s[QBCB] as number) + b * b * (s[CBCB] as number) + PRIOR_TASKS * PRIOR_SPREAD * (1 + b) ** 2) / d;
  const xy = ((s[QAQB] as number) - a * (s[CAQB] as number) - b * (s[QACB] as number) + a * b * (s[CACB] as number)) / d;
  return gy * my + gx * mx - 0.5 * (gy * gy * yy + 2 * gy * gx * xy + gx * gx * xx);
}

/**
 * A bet held to factors that only grow along a ray (an unbounded side bets only on its statistic falling), and scaled
 * so the worst task inside the cell's bounds takes at most MAX_STAKE of the wealth: Y = qA - a cA lies in [-aMax, 1],
 * X = qB - b cB in [-bMax, 1].
 */
function holdBet(y: number, x: number, aMax: number, bMax: number, out: Float64Array): void {
  const gy = !Number.isFinite(aMax) && y > 0 ? 0 : y;
  const gx = !Number.isFinite(bMax) && x > 0 ? 0 : x;
  const worst = (gy > 0 ? -gy * aMax : gy) + (gx > 0 ? -gx * bMax : gx);
  const stake = worst < -MAX_STAKE ? MAX_STAKE / -worst : 1;
  out[0] = gy * stake;
  out[1] = gx * stake;
}

/** A cell's center: geometric between two positive edges, half the upper edge from 0, one step past the lower for a ray. */
function centerOf(low: number, high: number): number {
  if (low === high) return low;
  if (low === 0) return high / 2;
  if (!Number.isFinite(high)) return low * 1.05;
  return Math.sqrt(low * high);
}
