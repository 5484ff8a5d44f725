// Calibrates a provider's bars against what it used (list-price dollars or tokens): % of a bar per unit, with an interval that rounding cannot fool (pure).
import jStat from 'jstat';

export interface BarCalibration {
  /** % of the bar one unit of use moves: the ratio estimator sum(delta) / sum(amount) over the provider's windows. */
  pct_per_unit: number;
  /**
   * Its interval: the ratio estimator's scatter (n >= 3) and the readings' rounding, together (see calibrateBar).
   * `low` 0 means the bar may not have moved at all: a price from it is unknown, never 0.
   */
  low: number;
  high: number;
  n: number;
  /** The bar's resolution as read: 1 when every reading is a whole percent, 0.01 for two decimals, and so on. */
  step: number;
  /** Runs of windows whose readings join (each before equals the last after): each adds one rounding error. */
  chains: number;
  /** Summed deltas (% of the bar) and summed use, as read. */
  moved: number;
  amount: number;
  /** Readings coarse next to the deltas they measure (see COARSE_STEPS). */
  coarse: boolean;
}

export interface BarSample {
  delta: number;
  before: number;
  after: number;
  /**
   * Each reading's own resolution (% of the bar it moves in), where the readings come from sources of different
   * resolutions (a quota endpoint's whole percents beside the proxy's hundredths): its rounding error is uniform on
   * [0, step). Absent: the finest resolution any reading of the bar shows.
   */
  step_before?: number;
  step_after?: number;
  /** The earlier reading is a period's start, where the bar is 0 exactly (everyday pairs): a run of readings begins here. */
  anchor?: boolean;
  /** Hours between the two readings (everyday pairs): the span a background rate of moves without use applies to. */
  hours?: number;
  /** What the window used, in the caller's unit (list-price dollars for pricing, tokens for the limit changes). */
  amount: number;
}

/**
 * A reading is the true bar cut to its step, so over a run of windows whose readings join (window i+1's before is
 * window i's after: nothing used the bar in between) the deltas telescope to the run's last reading minus its
 * first: off by the difference of two reading errors, each uniform on [0, step) and independent of the other, so
 * within +-step, with variance step^2 / 6. Over the runs the errors add, and the rounding half-width is z x the
 * root of their variances, never more than the sum of their steps (the hard bound). Readings of different
 * resolutions (a sample's step_before and step_after) give a run (s1^2 + s2^2) / 12 from its two ends. It is what
 * makes a bar that never moved (every delta 0) give [0, 0.8 step / amount] instead of a rate of 0 with no doubt
 * (a whole-percent bar that stayed at 0% priced Codex at $0). The ratio estimator's t interval
 * (Cochran, Sampling Techniques, 3rd ed., section 6.4; n >= 3), on the residual variance less the rounding's,
 * covers the metering's own scatter between windows; the two half-widths add in quadrature. `samples` in the order the windows ran.
 */
export function calibrateBar(
  samples: readonly BarSample[],
  confidence: number,
  background?: { subtracted: number; moves: number },
): BarCalibration | null {
  const usable = samples.filter((sample) => sample.amount > 0 && Number.isFinite(sample.delta));
  const amount = usable.reduce((sum, sample) => sum + sample.amount, 0);
  if (usable.length === 0 || amount <= 0) return null;
  const step = 10 ** -Math.max(...usable.flatMap((sample) => [countDecimals(sample.before), countDecimals(sample.after)]));
  const chains = listChainEnds(usable, step);
  const z = jStat.normal.inv(1 - (1 - confidence) / 2, 0, 1);
  // Each run's error is the difference of its first and last readings' errors: variance (s1^2 + s2^2) / 12, within
  // max(s1, s2). A run from a period's start (first step 0) ends on one reading whose cut is not known: a floor's
  // error is on [0, s), a round's on [-s/2, s/2). Its centre, s/4, is added to what the run moved, and the quarter
  // step either way is the same for every run of a source, so it adds up linearly, not in quadrature.
  const hard = chains.reduce((sum, [first, last]) => sum + Math.max(first, last), 0);
  const variance = chains.reduce((sum, [first, last]) => sum + (first * first + last * last) / 12, 0);
  const cut = chains.reduce((sum, [first, last]) => sum + (first === 0 ? last / 4 : 0), 0);
  const moved = usable.reduce((sum, sample) => sum + sample.delta, 0) + cut;
  const rate = moved / amount;
  const rounding = (Math.min(hard, z * Math.sqrt(variance)) + cut) / amount;
  const coarsest = Math.max(step, ...usable.flatMap((sample) => [sample.step_before ?? step, sample.step_after ?? step]));
  const n = usable.length;
  let scatter = 0;
  if (n >= 3) {
    // A window's residual is the metering's own deviation plus its delta's rounding error: only the excess over the
    // rounding is scatter, or a bar whose deltas are all rounding (a whole-percent bar ticking 0, 1, 0, 0, 1) would
    // count its rounding a second time, unbounded by the runs above. That error's variance is step^2 / 6 for two
    // independent readings and up to step^2 / 4 for a steady climb (a true 0.3 per window reads 0 or 1: 0.3 x 0.7):
    // the larger is taken, so no rounding is called scatter.
    const meanAmount = amount / n;
    const residual = usable.reduce((sum, sample) => sum + (sample.delta - rate * sample.amount) ** 2, 0) / (n - 1);
    const excess = Math.max(0, residual - coarsest ** 2 / 4);
    scatter = jStat.studentt.inv(1 - (1 - confidence) / 2, n - 1) * (Math.sqrt(excess / n) / meanAmount);
  }
  // A background rate taken off the deltas (moves without use, modelled: calibrate-everyday.ts) is itself estimated
  // from `moves` moves: its relative SE about 1 / sqrt(moves), as a count's.
  const drift = background && background.moves > 0 ? (z * background.subtracted) / Math.sqrt(background.moves) / amount : 0;
  const half = Math.hypot(scatter, rounding, drift);
  return {
    pct_per_unit: rate,
    low: Math.max(0, rate - half),
    high: rate + half,
    n,
    step,
    chains: chains.length,
    moved,
    amount,
    coarse: moved / n < COARSE_STEPS * step,
  };
}

/** The runs of joined readings `samples` form (a new run wherever a before differs from the last after): each run's first and last readings' steps. */
function listChainEnds(samples: readonly BarSample[], step: number): Array<[number, number]> {
  const chains: Array<[number, number]> = [];
  let last: number | null = null;
  for (const sample of samples) {
    if (last === null || sample.anchor || sample.before !== last) chains.push([sample.step_before ?? step, sample.step_after ?? step]);
    else (chains.at(-1) as [number, number])[1] = sample.step_after ?? step;
    last = sample.after;
  }
  return chains;
}

/**
 * A bar is coarse for these windows when a typical delta spans fewer than 100 reading steps: rounding alone could
 * then move a window's value by more than 1%. Whole-percent bars are coarse for any window under 100%.
 */
const COARSE_STEPS = 100;

/** Decimal places of a reading as stored (at most 6: the ledger rounds percents to 6). */
function countDecimals(value: number): number {
  if (Number.isInteger(value)) return 0;
  const text = String(value);
  const dot = text.indexOf('.');
  return dot === -1 || text.includes('e') ? 6 : Math.min(6, text.length - dot - 1);
}
