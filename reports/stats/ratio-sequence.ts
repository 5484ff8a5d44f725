// An exact anytime-valid confidence sequence for the ratio of two providers' work per dollar, by betting (pure).
import { buildSequenceGrid, type SequenceGrid } from './ratio-sequence-grid.js';
import { betCell, createBetScratch, prepareBets, TASK_SUMS, type BetScratch } from './ratio-sequence-bets.js';

/**
 * Tasks come in pairs: A's and B's quality in [0, 1] and cost in [0, 1] (each arm's dollars over its provider's
 * registered task budget, clipped: the budget makes the bound exact). The ratio is theta = (sum qA / sum cA) /
 * (sum qB / sum cB) in dollars, `scale` = budget A / budget B turning it into the bounded units.
 *
 * Every point (t, w) of the plane (t a ratio, w B's work per budget) is a joint null under which X = qB - w cB and
 * Y = qA - t' w cA (t' = scale t) both have mean 0. Its wealth multiplies 1 + gy Y + gx X task by task with bets set
 * from the earlier tasks only: a nonnegative supermartingale under that null, so by Ville's inequality it ever
 * reaches 1/alpha with chance at most alpha (Waudby-Smith & Ramdas, JRSS-B 2023; Howard et al., Ann. Statist.
 * 2021). A point is out of the sequence once its wealth has reached 1/alpha (the running intersection); a ratio is
 * out once every w with it is. Cells stand for whole regions: with a cell's bets fixed, ln(1 + gy Y + gx X) is
 * concave in (a, b) = (t' w, w), so its least value on the cell's quadrilateral is at a corner (rays: bets whose
 * factor only grows along them, least at the near end). ADR 0041 gives the bets and the measurements.
 */
export interface RatioSequence {
  grid: SequenceGrid;
  scale: number;
  threshold: number;
  sums: Float64Array;
  /** ln wealth at each cell's (up to) four corners, the running maximum of their least, and the cells still in. */
  corners: Float64Array;
  best: Float64Array;
  alive: Int32Array;
  count: number;
  scratch: BetScratch;
  bet: Float64Array;
}

export interface SequenceReading {
  n: number;
  /** The ratios still in the sequence: [low, high] over every cell still in (null when none is: a 1-in-1/alpha event). */
  low: number | null;
  high: number | null;
  /**
   * Anytime-valid p of "A is not ahead" (every ratio up to 1) and of "B is not ahead": the largest 1 / (highest
   * wealth so far) over the cells of that region, so p <= alpha exactly when the region is out.
   */
  pA: number;
  pB: number;
  /** Every ratio outside [1 / relevant, relevant] is out. */
  within: boolean;
}

export interface SequenceOptions {
  /** The pair's share of the error: a point is out at wealth 1 / alpha. */
  alpha: number;
  /** Budget A / budget B (see RatioSequence). */
  scale: number;
  /** The relevant ratio: its rows are edges of the grid. */
  relevant: number;
  /** Only the decision's rows (simulations); their reading is the decision, with low and high null. */
  lines?: boolean;
}

export function createRatioSequence(options: SequenceOptions): RatioSequence {
  const grid = buildSequenceGrid(options.relevant, options.lines === true);
  const cells = grid.t0.length * grid.w0.length;
  const alive = new Int32Array(cells);
  for (let c = 0; c < cells; c += 1) alive[c] = c;
  return {
    grid,
    scale: options.scale,
    threshold: Math.log(1 / options.alpha),
    sums: new Float64Array(TASK_SUMS),
    corners: new Float64Array(cells * 4),
    best: new Float64Array(cells),
    alive,
    count: cells,
    scratch: createBetScratch(grid),
    bet: new Float64Array(2),
  };
}

/** One more task: every cell still in bets on it with what the earlier tasks said, then the task joins the sums. */
export function addSequenceTask(seq: RatioSequence, qA: number, cA: number, qB: number, cB: number): void {
  const { grid, corners, best, alive, scratch, bet } = seq;
  const columns = grid.w0.length;
  prepareBets(scratch, seq.sums, grid, seq.scale);
  let kept = 0;
  for (let i = 0; i < seq.count; i += 1) {
    const cell = alive[i] as number;
    const row = (cell / columns) | 0;
    const column = cell - row * columns;
    const ta = scratch.t0s[row] as number;
    const tb = scratch.t1s[row] as number;
    const w0 = grid.w0[column] as number;
    const w1 = grid.w1[column] as number;
    betCell(scratch, row, column, tb * w1, w1, bet);
    const gy = bet[0] as number;
    const gx = bet[1] as number;
    const at = cell * 4;
    // Corners (a, b): (ta w0, w0), (tb w0, w0), (ta w1, w1), (tb w1, w1); an infinite one is replaced by the near end.
    const x0 = qB - w0 * cB;
    const x1 = Number.isFinite(w1) ? qB - w1 * cB : x0;
    const y00 = qA - ta * w0 * cA;
    const y10 = Number.isFinite(tb) ? qA - tb * w0 * cA : y00;
    const y01 = Number.isFinite(w1) ? qA - ta * w1 * cA : y00;
    const y11 = Number.isFinite(w1) && Number.isFinite(tb) ? qA - tb * w1 * cA : Number.isFinite(w1) ? y01 : y10;
    const l0 = (corners[at] as number) + Math.log(1 + gy * y00 + gx * x0);
    const l1 = (corners[at + 1] as number) + Math.log(1 + gy * y10 + gx * x0);
    const l2 = (corners[at + 2] as number) + Math.log(1 + gy * y01 + gx * x1);
    const l3 = (corners[at + 3] as number) + Math.log(1 + gy * y11 + gx * x1);
    corners[at] = l0;
    corners[at + 1] = l1;
    corners[at + 2] = l2;
    corners[at + 3] = l3;
    const least = Math.min(l0, l1, l2, l3);
    if (least > (best[cell] as number)) best[cell] = least;
    if ((best[cell] as number) < seq.threshold) alive[kept++] = cell;
  }
  seq.count = kept;
  addTaskSums(seq.sums, qA, cA, qB, cB);
}

/** The sequence after the tasks added so far. */
export function readSequence(seq: RatioSequence, relevant: number): SequenceReading {
  const { grid, best } = seq;
  const columns = grid.w0.length;
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  let within = true;
  for (let i = 0; i < seq.count; i += 1) {
    const row = ((seq.alive[i] as number) / columns) | 0;
    const t0 = grid.t0[row] as number;
    const t1 = grid.t1[row] as number;
    if (t0 < low) low = t0;
    if (t1 > high) high = t1;
    if (t1 <= 1 / relevant + 1e-12 || t0 >= relevant - 1e-12) within = false;
  }
  let pA = 0;
  let pB = 0;
  for (let cell = 0; cell < best.length; cell += 1) {
    const row = (cell / columns) | 0;
    const p = Math.min(1, Math.exp(-(best[cell] as number)));
    if ((grid.t1[row] as number) <= 1 && p > pA) pA = p;
    if ((grid.t0[row] as number) >= 1 && p > pB) pB = p;
  }
  const n = seq.sums[0] as number;
  const none = seq.count === 0;
  return { n, low: none ? null : low, high: none ? null : high, pA, pB, within: !none && within };
}

function addTaskSums(s: Float64Array, qA: number, cA: number, qB: number, cB: number): void {
  const values = [qA, cA, qB, cB];
  s[0] = (s[0] as number) + 1;
  for (let i = 0; i < 4; i += 1) s[1 + i] = (s[1 + i] as number) + (values[i] as number);
  let k = 5;
  for (let i = 0; i < 4; i += 1)
    for (let j = i; j < 4; j += 1) {
      s[k] = (s[k] as number) + (values[i] as number) * (values[j] as number);
      k += 1;
    }
}
