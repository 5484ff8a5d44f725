// Where a bar's rate per unit of use stepped (a plan changed), so that the current plan is priced on its own readings (pure).
import { type BarCalibration, type BarSample, calibrateBar } from './calibrate-bars.js';

/** Fewer samples than this on either side of a step cannot price an era. */
const MIN_ERA_SAMPLES = 12;
/** Each side must have moved at least this many of the bar's reading steps: whole-percent rounding is no step. */
const MIN_ERA_STEPS = 10;
/**
 * The two eras' intervals are drawn at this confidence, not the calibration's: the split is the best of every
 * possible one, so a plain 95% interval would find a step in about one month in ten of an unchanged plan (measured on
 * whole-percent months, find-rate-era.test.ts).
 */
const ERA_CONFIDENCE = 0.999;
/**
 * A step smaller than this is not taken for a change of plan: plans of one vendor differ by 2.5x to 20x (Pro to Max
 * 5x is 5x, Plus to Pro 6.7x), while an account's rate drifts a few percent with its mix of models and cache.
 */
const MIN_ERA_RATIO = 1.5;

export interface RateEra {
  /** The end of the current era's first sample (epoch ms): its samples are those that end at or after it. */
  since_ms: number;
  /** The rate before the step, over the samples since the previous one. */
  before: BarCalibration;
}

/**
 * The latest step in the rate: the split of the samples (in time order, `ends_ms` each one's later reading) that
 * best fits two rates (least squares with each sample's variance proportional to its use, from prefix sums, so
 * O(n)), taken as a change when both sides have MIN_ERA_SAMPLES, their rates differ by MIN_ERA_RATIO or more, and
 * their intervals at `confidence` do not meet; then searched again after it, so the last of several changes wins.
 * Null when the rate never stepped: one era.
 */
export function findLatestEra(samples: readonly BarSample[], ends_ms: readonly number[], confidence: number): RateEra | null {
  let era: RateEra | null = null;
  let from = 0;
  for (;;) {
    const split = findBestSplit(samples, from);
    if (split === null) return era;
    const before = calibrateBar(samples.slice(from, split), ERA_CONFIDENCE);
    const after = calibrateBar(samples.slice(split), ERA_CONFIDENCE);
    if (!before || !after || !isStep(before, after)) return era;
    era = { since_ms: ends_ms[split] as number, before: calibrateBar(samples.slice(from, split), confidence) ?? before };
    from = split;
  }
}

function isStep(before: BarCalibration, after: BarCalibration): boolean {
  const ratio = before.pct_per_unit / after.pct_per_unit;
  const moved = Math.min(before.moved / before.step, after.moved / after.step) >= MIN_ERA_STEPS;
  return moved && (ratio >= MIN_ERA_RATIO || ratio <= 1 / MIN_ERA_RATIO) && (before.high < after.low || after.high < before.low);
}

/** The split k in (from, n) whose two ratio fits leave the least weighted squared error, each side MIN_ERA_SAMPLES long. */
function findBestSplit(samples: readonly BarSample[], from: number): number | null {
  const usable = (sample: BarSample): boolean => sample.amount > 0 && Number.isFinite(sample.delta);
  // Prefix sums of delta^2 / amount, delta and amount: a side's error is sum(d^2/a) - sum(d)^2 / sum(a).
  const n = samples.length;
  const dd = [0];
  const d = [0];
  const a = [0];
  for (let i = from; i < n; i += 1) {
    const sample = samples[i] as BarSample;
    const ok = usable(sample);
    dd.push((dd.at(-1) as number) + (ok ? (sample.delta * sample.delta) / sample.amount : 0));
    d.push((d.at(-1) as number) + (ok ? sample.delta : 0));
    a.push((a.at(-1) as number) + (ok ? sample.amount : 0));
  }
  const error = (i: number, j: number): number => {
    const amount = (a[j] as number) - (a[i] as number);
    const moved = (d[j] as number) - (d[i] as number);
    return (dd[j] as number) - (dd[i] as number) - (amount > 0 ? (moved * moved) / amount : 0);
  };
  const length = n - from;
  let best: { k: number; error: number } | null = null;
  for (let k = MIN_ERA_SAMPLES; k <= length - MIN_ERA_SAMPLES; k += 1) {
    const total = error(0, k) + error(k, length);
    if (best === null || total < best.error) best = { k, error: total };
  }
  return best === null ? null : from + best.k;
}
