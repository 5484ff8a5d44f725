// One estimate with its Student t inference (SE, two-sided CI and p), shared by the crossover analyses.
import jStat from 'jstat';
import { AppError } from '../../kernel/index.js';
import { computeStudentTCdf, computeStudentTQuantile } from './student-t.js';

/** An estimate with its standard error, two-sided `1 - alpha` confidence interval, t statistic, df and two-sided p. */
export interface TEstimate {
  estimate: number;
  se: number;
  ciLow: number;
  ciHigh: number;
  t: number;
  df: number;
  /** Two-sided p for H0: the true value is 0. */
  p: number;
  /** Why no interval, t or p can be given (they are NaN then): a zero or non-finite SE, a non-finite estimate. */
  na?: string;
}

/** Refuses an alpha outside (0, 1); returns it. */
export function checkAlpha(alpha: number): number {
  if (!(alpha > 0 && alpha < 1))
    throw new AppError('BAD_USAGE', `alpha must be between 0 and 1 (exclusive), got ${alpha}`, { where: '--alpha' });
  return alpha;
}

/**
 * `t = estimate / se`, `p = 2 P(T_df > |t|)`, CI `estimate ± t_{1-alpha/2, df} · se`. A zero SE, a non-finite estimate
 * or SE, a t past the double range (e.g. 1e300 / 1e-300) or CI bounds past it leave the interval, t and p NaN with
 * `na` saying why: a zero-width interval with p = 0 or 1, or t = inf with p = 0, would look valid and is not.
 * `zeroSe` says why the SE is 0 in the caller's terms. The callers refuse non-finite data, so a non-finite
 * estimate or SE is an overflow, and `na` says so; their sums must be scaled (crossover-grizzle.ts).
 */
export function buildTEstimate(
  estimate: number,
  se: number,
  df: number,
  alpha: number,
  zeroSe = 'no variation within the sequences (standard error 0)',
): TEstimate {
  checkAlpha(alpha);
  if (!(df >= 1)) throw new AppError('BAD_INPUT', `no degrees of freedom left for the error (df = ${df})`);
  const t = estimate / se;
  // From the lower tail (student-t.ts, ~1e-13): 1 - alpha / 2 rounds to 1 below alpha = 2e-16.
  const quantile = -computeStudentTQuantile(alpha / 2, df);
  const ciLow = estimate - quantile * se;
  const ciHigh = estimate + quantile * se;
  const na = !Number.isFinite(estimate)
    ? `the estimate is ${estimate}: the values are too large for double precision (a sum or difference passed ±1.8e308)`
    : !Number.isFinite(se)
      ? `the standard error is ${se}: the values are too large to square in double precision`
      : se === 0
        ? zeroSe
        : !Number.isFinite(t)
          ? `t = estimate / SE = ${estimate} / ${se} is past the double range`
          : !Number.isFinite(ciLow) || !Number.isFinite(ciHigh)
            ? 'the interval bounds are past the double range (about ±1.8e308)'
            : null;
  if (na) return { estimate, se, ciLow: Number.NaN, ciHigh: Number.NaN, t: Number.NaN, df, p: Number.NaN, na };
  // The lower tail at -|t| keeps small p accurate (1 - cdf(|t|) would round to 0); student-t.ts is good to ~1e-13.
  const p = Math.min(1, 2 * computeStudentTCdf(-Math.abs(t), df));
  return { estimate, se, ciLow, ciHigh, t, df, p };
}

/**
 * The Student t quantile: jStat's `studentt.inv` (relative error up to ~1e-8) polished by Newton steps on
 * its `studentt.cdf` (absolute error ~1e-10), which brings CIs within ~1e-9 of R's and SciPy's `qt`.
 */
export function computeStudentQuantile(p: number, df: number): number {
  let q = jStat.studentt.inv(p, df);
  const logNorm = jStat.loggam((df + 1) / 2) - jStat.loggam(df / 2) - 0.5 * Math.log(df * Math.PI);
  for (let step = 0; step < 2; step += 1) {
    const density = Math.exp(logNorm - ((df + 1) / 2) * Math.log1p((q * q) / df));
    if (!(density > 0)) break;
    q -= (jStat.studentt.cdf(q, df) - p) / density;
  }
  return q;
}
