// Calibrates a provider's coarse bars against its precise token counts: % of a bar per token, with its interval (pure).
import jStat from 'jstat';

export interface BarCalibration {
  /** % of the bar one token moves, the ratio estimator sum(delta) / sum(tokens) over the provider's windows. */
  pct_per_token: number;
  /** Its interval (t with n - 1 df on the linearized residuals); null below 3 windows. */
  low: number | null;
  high: number | null;
  n: number;
  /** The bar's resolution as read: 1 when every reading is a whole percent, 0.01 for two decimals, and so on. */
  step: number;
  /** Readings coarse next to the deltas they measure (see COARSE_STEPS): calibrated values stand in. */
  coarse: boolean;
}

export interface BarSample {
  delta: number;
  before: number;
  after: number;
  tokens: number;
}

/**
 * Rounding moves each window's delta by up to one step, but not the sum over many windows, so
 * sum(delta) / sum(tokens) is an estimate of the bar's rate that rounding cannot bias much; each window
 * then gets tokens x rate, the bar delta staying the authority over the total. Resets and refused deltas
 * are left out by the caller (their delta is null). The interval is the ratio estimator's usual
 * linearization (Cochran, Sampling Techniques, 3rd ed., section 6.4).
 */
export function calibrateBar(samples: readonly BarSample[], confidence: number): BarCalibration | null {
  const usable = samples.filter((sample) => sample.tokens > 0 && Number.isFinite(sample.delta));
  const tokens = usable.reduce((sum, sample) => sum + sample.tokens, 0);
  if (usable.length === 0 || tokens <= 0) return null;
  const rate = usable.reduce((sum, sample) => sum + sample.delta, 0) / tokens;
  const step = 10 ** -Math.max(...usable.flatMap((sample) => [countDecimals(sample.before), countDecimals(sample.after)]));
  const meanDelta = usable.reduce((sum, sample) => sum + sample.delta, 0) / usable.length;
  const n = usable.length;
  let low: number | null = null;
  let high: number | null = null;
  if (n >= 3) {
    const meanTokens = tokens / n;
    const residual = usable.reduce((sum, sample) => sum + (sample.delta - rate * sample.tokens) ** 2, 0) / (n - 1);
    const se = Math.sqrt(residual / n) / meanTokens;
    const t = jStat.studentt.inv(1 - (1 - confidence) / 2, n - 1);
    low = Math.max(0, rate - t * se);
    high = rate + t * se;
  }
  return { pct_per_token: rate, low, high, n, step, coarse: meanDelta < COARSE_STEPS * step };
}

/**
 * A bar is coarse for these windows when a typical delta spans fewer than 100 reading steps: rounding alone
 * could then move a window's value by more than 1%, and so the comparison (a resumed run, whose bars start
 * again, would give another p). Whole-percent bars are coarse for any window under 100%.
 */
const COARSE_STEPS = 100;

/** Decimal places of a reading as stored (at most 6: the ledger rounds percents to 6). */
function countDecimals(value: number): number {
  if (Number.isInteger(value)) return 0;
  const text = String(value);
  const dot = text.indexOf('.');
  return dot === -1 || text.includes('e') ? 6 : Math.min(6, text.length - dot - 1);
}
