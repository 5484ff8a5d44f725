// One estimate with its Student t inference (SE, two-sided CI and p), shared by the crossover analyses.
import jStat from 'jstat';
import { AppError } from '../../ledger/index.js';

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
}

/** Refuses an alpha outside (0, 1); returns it. */
export function checkAlpha(alpha: number): number {
  if (!(alpha > 0 && alpha < 1)) throw new AppError('BAD_USAGE', `alpha must be between 0 and 1 (exclusive), got ${alpha}`, { where: '--alpha' });
  return alpha;
}

/**
 * `t = estimate / se`, `p = 2 P(T_df > |t|)`, CI `estimate ± t_{1-alpha/2, df} · se`. A zero SE gives
 * t = ±Infinity and p = 0 (or t = 0 and p = 1 when the estimate is 0 too).
 */
export function buildTEstimate(estimate: number, se: number, df: number, alpha: number): TEstimate {
  checkAlpha(alpha);
  if (!(df >= 1)) throw new AppError('BAD_INPUT', `no degrees of freedom left for the error (df = ${df})`);
  const quantile = computeStudentQuantile(1 - alpha / 2, df);
  let t: number;
  let p: number;
  if (se > 0) {
    t = estimate / se;
    // The lower tail at -|t| keeps small p accurate (1 - cdf(|t|) would round to 0).
    p = Math.min(1, 2 * jStat.studentt.cdf(-Math.abs(t), df));
  } else {
    t = estimate === 0 ? 0 : Math.sign(estimate) * Infinity;
    p = estimate === 0 ? 1 : 0;
  }
  return { estimate, se, ciLow: estimate - quantile * se, ciHigh: estimate + quantile * se, t, df, p };
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
