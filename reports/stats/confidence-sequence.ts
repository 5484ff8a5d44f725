// Asymptotic confidence sequence for a mean (Waudby-Smith et al., GrowthBook's form): the normal-theory stop rule.
import jStat from 'jstat';
import { AppError } from '../../kernel/index.js';

/** Options of {@link computeConfidenceSequence}. */
export interface ConfidenceSequenceOptions {
  /** Two-sided error rate over all looks, in (0, 1). */
  alpha: number;
  /** The sample size where the sequence is tightest (GrowthBook's "tuning parameter" N*); the planned number of tasks. */
  tuningN: number;
  /**
   * Widen the sequence by `t(1 - alpha/2, n - 1) / z(1 - alpha/2)`, the factor a fixed-n interval gains from
   * Student t over the normal when the SD is estimated. Not in GrowthBook (built for thousands of users);
   * without it, peeking from n = 3 on 20 normal differences falsely excludes 0 about 13% of the time.
   */
  studentT?: boolean;
}

/** Which sequence: this file's asymptotic one, or the exact betting ones (betting-symmetry.ts, betting-bounded-mean.ts). */
export type ConfidenceSequenceMethod = 'normal-theory' | 'symmetry-betting' | 'bounded-mean-betting';

/** The sequence at the current look. `low`/`high` are infinite while nothing is excluded yet. */
export interface ConfidenceSequence {
  /** Absent on sequences made before the betting rules existed: read it as 'normal-theory'. */
  method?: ConfidenceSequenceMethod;
  n: number;
  mean: number;
  /** Sample standard deviation (n - 1 denominator); NaN below two samples. */
  sd: number;
  halfWidth: number;
  low: number;
  high: number;
}

/**
 * The mixing parameter rho for a tuning sample size N*:
 * `rho = sqrt((-2 ln(alpha) + ln(-2 ln(alpha) + 1)) / N*)`, which makes the two-sided sequence tightest
 * near n = N* (Waudby-Smith et al. 2023, arXiv 2103.06476; GrowthBook `calculateRho`/`sequentialRho`).
 */
export function computeSequentialRho(alpha: number, tuningN: number): number {
  checkOptions({ alpha, tuningN });
  const logAlpha = Math.log(alpha);
  return Math.sqrt((-2 * logAlpha + Math.log(-2 * logAlpha + 1)) / tuningN);
}

/**
 * The multiplier of the standard deviation at n samples:
 * `sqrt(2 (n rho^2 + 1) / (n^2 rho^2) * ln(sqrt(n rho^2 + 1) / alpha))`, so that the half-width is
 * `sd * computeSequentialRadius(n, ...)` (GrowthBook `sequentialIntervalHalfwidth`).
 */
export function computeSequentialRadius(n: number, alpha: number, rho: number): number {
  const nRho2 = n * rho * rho;
  return Math.sqrt(((2 * (nRho2 + 1)) / (nRho2 * n)) * Math.log(Math.sqrt(nRho2 + 1) / alpha));
}

/**
 * The asymptotic confidence sequence of the mean of `values` (e.g. per-task paired differences A - B):
 * `mean ± sd * sqrt(2 (n rho^2 + 1) / (n^2 rho^2) * ln(sqrt(n rho^2 + 1) / alpha))`. Looking at it after
 * every sample keeps the chance that it ever misses the true mean at about alpha, for large n. It is
 * asymptotic: with few samples `sd` is noisy, which is why the stop rules add a minimum n and a small-sample
 * correction. Even so, on 20 skewed differences it stops falsely well above alpha, so the stop rules now
 * default to the exact betting sequences and keep this one as `rule: 'normal-theory'` for comparison
 * (docs/decisions/0003-betting-stop-rules.md).
 *
 * Sources: Waudby-Smith, Arbour, Sinha, Kennedy & Ramdas, "Time-uniform central limit theory and asymptotic
 * confidence sequences" (arXiv 2103.06476); GrowthBook's `calculateRho` and `sequentialPowerSequentialVariance`
 * (growthbook/growthbook, packages/shared/src/power/power.ts), its gbstats `SequentialTwoSidedTTest`
 * (`sequentialIntervalHalfwidth`), and https://docs.growthbook.io/statistics/sequential.
 */
export function computeConfidenceSequence(values: readonly number[], options: ConfidenceSequenceOptions): ConfidenceSequence {
  const rho = computeSequentialRho(options.alpha, options.tuningN);
  const n = values.length;
  let mean = 0;
  let m2 = 0;
  values.forEach((value, index) => {
    const delta = value - mean;
    mean += delta / (index + 1);
    m2 += delta * (value - mean);
  });
  if (n < 2)
    return {
      method: 'normal-theory',
      n,
      mean: n === 0 ? Number.NaN : mean,
      sd: Number.NaN,
      halfWidth: Number.POSITIVE_INFINITY,
      low: Number.NEGATIVE_INFINITY,
      high: Number.POSITIVE_INFINITY,
    };
  const sd = Math.sqrt(m2 / (n - 1));
  const widen = options.studentT ? jStat.studentt.inv(1 - options.alpha / 2, n - 1) / jStat.normal.inv(1 - options.alpha / 2, 0, 1) : 1;
  const halfWidth = sd * widen * computeSequentialRadius(n, options.alpha, rho);
  return { method: 'normal-theory', n, mean, sd, halfWidth, low: mean - halfWidth, high: mean + halfWidth };
}

function checkOptions(options: ConfidenceSequenceOptions): void {
  if (!(options.alpha > 0 && options.alpha < 1))
    throw new AppError('BAD_INPUT', `alpha must be between 0 and 1, got ${options.alpha}`, { where: 'alpha' });
  if (!(options.tuningN > 0 && Number.isFinite(options.tuningN)))
    throw new AppError('BAD_INPUT', `the tuning sample size must be a positive number, got ${options.tuningN}`, { where: 'tuningN' });
}
