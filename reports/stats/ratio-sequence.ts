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
  /** ln wealth at each cell's (up to) four corners, and the running maximum of their least (the cell's evidence). */
  corners: Float64Array;
  best: Float64Array;
  /** The cells still in, and per row the least evidence of its cells that are out (+Infinity while none is). */
  alive: Int32Array;
  count: number;
  outBest: Float64Array;
  /** Cells still in per row and per column: a row or column with none needs no bet prepared. */
  rowLive: Int32Array;
  columnLive: Int32Array;
  /** Per row, which of the decision's regions it belongs to (set by the first reading). */
  regionRows: { key: string; a: Uint8Array; b: Uint8Array; outside: Uint8Array } | null;
  scratch: BetScratch;
  bet: Float64Array;
}

/** Where the decision's regions end, in the ratio's own units (the caller widens them for the prices' calibration). */
export interface SequenceRegions {
  /** "A is not ahead": every ratio below `up`; "B is not ahead": every ratio above `down`. */
  up: number;
  down: number;
  /** "Outside the relevant difference": every ratio below `marginLow` or above `marginHigh`. */
  marginLow: number;
  marginHigh: number;
}

export interface SequenceReading {
  n: number;
  /** The ratios still in: the least and greatest edge of the cells still in; null when none is (an alpha event). */
  low: number | null;
  high: number | null;
  /** Anytime-valid p of each region: the largest 1 / (highest wealth so far) over its cells; out when at most alpha. */
  pA: number;
  pB: number;
  aOut: boolean;
  bOut: boolean;
  /** Every cell outside the relevant difference is out. */
  within: boolean;
}

export interface SequenceOptions {
  /** The pair's share of the error: a point is out at wealth 1 / alpha. */
  alpha: number;
  /** Budget A / budget B (see RatioSequence). */
  scale: number;
  /** The relevant ratio: a row edge of the whole grid. */
  relevant: number;
  /** Only these ratios, as degenerate rows (simulations); null or absent: the whole grid. */
  lines?: readonly number[] | null;
}

export function createRatioSequence(options: SequenceOptions): RatioSequence {
  const grid = buildSequenceGrid(options.relevant, options.lines ?? null);
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
    outBest: new Float64Array(grid.t0.length).fill(Number.POSITIVE_INFINITY),
    rowLive: new Int32Array(grid.t0.length).fill(grid.w0.length),
    columnLive: new Int32Array(grid.w0.length).fill(grid.t0.length),
    regionRows: null,
    scratch: createBetScratch(grid),
    bet: new Float64Array(2),
  };
}

/** One more task: every cell still in bets on it with what the earlier tasks said, then the task joins the sums. */
export function addSequenceTask(seq: RatioSequence, qA: number, cA: number, qB: number, cB: number): void {
  const { grid, corners, best, alive, scratch, bet } = seq;
  const columns = grid.w0.length;
  prepareBets(scratch, seq.sums, grid, seq.scale, seq.rowLive, seq.columnLive);
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
    // A line's cell (t0 = t1) has two corners, not four: its second and fourth repeat the first and third.
    const flat = ta === tb;
    const l0 = (corners[at] as number) + Math.log(1 + gy * y00 + gx * x0);
    const l1 = flat ? l0 : (corners[at + 1] as number) + Math.log(1 + gy * y10 + gx * x0);
    const l2 = (corners[at + 2] as number) + Math.log(1 + gy * y01 + gx * x1);
    const l3 = flat ? l2 : (corners[at + 3] as number) + Math.log(1 + gy * y11 + gx * x1);
    corners[at] = l0;
    corners[at + 1] = l1;
    corners[at + 2] = l2;
    corners[at + 3] = l3;
    const least = Math.min(l0, l1, l2, l3);
    const most = Math.max(best[cell] as number, least);
    best[cell] = most;
    if (most < seq.threshold) alive[kept++] = cell;
    else {
      if (most < (seq.outBest[row] as number)) seq.outBest[row] = most;
      seq.rowLive[row] = (seq.rowLive[row] as number) - 1;
      seq.columnLive[column] = (seq.columnLive[column] as number) - 1;
    }
  }
  seq.count = kept;
  addTaskSums(seq.sums, qA, cA, qB, cB);
}

/** The sequence after the tasks added so far, read against the decision's regions: a scan of the cells still in. */
export function readSequence(seq: RatioSequence, regions: SequenceRegions): SequenceReading {
  const { grid, best } = seq;
  const columns = grid.w0.length;
  const rows = readRegionRows(seq, regions);
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  let leastA = Number.POSITIVE_INFINITY;
  let leastB = Number.POSITIVE_INFINITY;
  let within = seq.count > 0;
  for (let i = 0; i < seq.count; i += 1) {
    const cell = seq.alive[i] as number;
    const row = (cell / columns) | 0;
    const t0 = grid.t0[row] as number;
    const t1 = grid.t1[row] as number;
    if (t0 < low) low = t0;
    if (t1 > high) high = t1;
    const evidence = best[cell] as number;
    if (rows.a[row] === 1 && evidence < leastA) leastA = evidence;
    if (rows.b[row] === 1 && evidence < leastB) leastB = evidence;
    if (rows.outside[row] === 1) within = false;
  }
  const aOut = leastA === Number.POSITIVE_INFINITY;
  const bOut = leastB === Number.POSITIVE_INFINITY;
  for (let row = 0; row < grid.t0.length; row += 1) {
    const out = seq.outBest[row] as number;
    if (rows.a[row] === 1 && out < leastA) leastA = out;
    if (rows.b[row] === 1 && out < leastB) leastB = out;
  }
  const none = seq.count === 0;
  return {
    n: seq.sums[0] as number,
    low: none ? null : low,
    high: none ? null : high,
    pA: Math.min(1, Math.exp(-leastA)),
    pB: Math.min(1, Math.exp(-leastB)),
    aOut,
    bOut,
    within,
  };
}

/** Which rows each region holds, computed once per set of regions (a pair reads the same ones at every look). */
function readRegionRows(seq: RatioSequence, regions: SequenceRegions): NonNullable<RatioSequence['regionRows']> {
  const key = `${regions.up}/${regions.down}/${regions.marginLow}/${regions.marginHigh}`;
  if (seq.regionRows?.key === key) return seq.regionRows;
  const { grid } = seq;
  const count = grid.t0.length;
  const made = { key, a: new Uint8Array(count), b: new Uint8Array(count), outside: new Uint8Array(count) };
  for (let row = 0; row < count; row += 1) {
    made.a[row] = isBelow(grid, row, regions.up) ? 1 : 0;
    made.b[row] = isAbove(grid, row, regions.down) ? 1 : 0;
    made.outside[row] = isBelow(grid, row, regions.marginLow) || isAbove(grid, row, regions.marginHigh) ? 1 : 0;
  }
  seq.regionRows = made;
  return made;
}

/** A row with any ratio below `edge` (a line: at or below it). */
function isBelow(grid: SequenceGrid, row: number, edge: number): boolean {
  const t0 = grid.t0[row] as number;
  return t0 < edge || (t0 === grid.t1[row] && t0 <= edge);
}

function isAbove(grid: SequenceGrid, row: number, edge: number): boolean {
  const t1 = grid.t1[row] as number;
  return t1 > edge || (t1 === grid.t0[row] && t1 >= edge);
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
