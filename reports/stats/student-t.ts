// Student t distribution: CDF, density and quantile to about 1e-13 (jStat's quantile is off by up to 1e-7).
import jStat from 'jstat';
import { computeIncompleteBeta, computeLogIncompleteBetaLower } from './incomplete-beta.js';

/**
 * P(T > t) for t >= 0 with `df` degrees of freedom: I_{df/(df+t^2)}(df/2, 1/2) / 2. Where t^2 overflows or x
 * underflows (t past ~1e150), from the logarithm instead: with 1 df, P(T > 1e200) = 3.2e-201 is a double, not 0.
 */
function computeUpperTail(t: number, df: number): number {
  const x = df / (df + t * t);
  if (x > 1e-300) return 0.5 * computeIncompleteBeta(x, df / 2, 0.5);
  return Math.exp(computeFarLogTail(t, df));
}

/** log P(T > t) from log x = log df - 2 log t - log1p(df / t^2), which forms no t^2 that overflows. */
function computeFarLogTail(t: number, df: number): number {
  const shrink = Math.log1p(df / (t * t));
  const logX = Math.log(df) - 2 * Math.log(t) - shrink;
  return Math.log(0.5) + computeLogIncompleteBetaLower(Math.exp(logX), logX, -shrink, df / 2, 0.5);
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
  const logDensity =
    jStat.loggam((df + 1) / 2) - jStat.loggam(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df);
  return Math.exp(logDensity);
}

/** log P(T > t) for t >= 0, also where the tail underflows (below 1e-308: t = 40 with 1e6 df) or t^2 overflows. */
function computeLogUpperTail(t: number, df: number): number {
  const tail = computeUpperTail(t, df);
  return tail > 1e-280 ? Math.log(tail) : computeFarLogTail(t, df);
}

/** log of the Student t density, without forming t^2 when it overflows. */
function computeLogDensity(t: number, df: number): number {
  const square = (t * t) / df;
  const logKernel = Number.isFinite(square) ? Math.log1p(square) : 2 * Math.log(t) - Math.log(df);
  return jStat.loggam((df + 1) / 2) - jStat.loggam(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * logKernel;
}

/**
 * The p-quantile of Student's t with `df` > 0 degrees of freedom, e.g. p = 0.975 for a two-sided 95%
 * interval. Starts from jStat.studentt.inv and polishes it with Newton steps on the log of the tail probability
 * against log t: the tail falls like t^-df far out, so those steps converge in a few iterations even at p = 1e-300
 * (t = 3.2e299 with 1 df), where Newton on the tail itself crept up by a factor (1 + 1/df) a step and stopped 50
 * steps short (1.5e15). Matches R's qt() and SciPy's t.isf (mpmath where SciPy returns -inf, df 3-9 at 1e-300) to
 * about 1e-12 relative from p = 0.5 to 1e-300 for df up to 1e4; at df 1e6, ~1e-9 (the incomplete beta's limit there).
 */
export function computeStudentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) return Number.NaN;
  if (p === 0.5) return 0;
  const upper = p > 0.5 ? 1 - p : p;
  const logUpper = Math.log(upper);
  let t = chooseStart(upper, df);
  for (let step = 0; step < 100 && Number.isFinite(t); step += 1) {
    const logTail = computeLogUpperTail(t, df);
    // d log P(T > t) / d log t = -t f(t) / P(T > t); a step in log t of at most 5 keeps a poor start from overshooting.
    const slope = -Math.exp(Math.log(t) + computeLogDensity(t, df) - logTail);
    const change = Math.max(-5, Math.min(5, -(logTail - logUpper) / slope));
    // A quantile past the double range (p = 1e-300 with df below 1: t ~ 1e600) is Infinity, not the last finite step.
    t *= Math.exp(change);
    if (Math.abs(change) <= 1e-15 || !Number.isFinite(t)) break;
  }
  return p > 0.5 ? t : -t;
}

/**
 * jStat's quantile, or where it is lost (p below ~1e-15 it returns garbage or infinity) the far-tail power law
 * P(T > t) ~ K t^-df / df, K = Gamma((df+1)/2) df^((df+1)/2) / (sqrt(df pi) Gamma(df/2)): whichever has the
 * smaller error in log tail.
 */
function chooseStart(upper: number, df: number): number {
  const logK = jStat.loggam((df + 1) / 2) - jStat.loggam(df / 2) - 0.5 * Math.log(df * Math.PI) + ((df + 1) / 2) * Math.log(df);
  const logPowerLaw = (logK - Math.log(df) - Math.log(upper)) / df;
  // The power law is the far tail's own shape: past the double range there, so is the quantile.
  if (logPowerLaw > Math.log(Number.MAX_VALUE)) return Infinity;
  const powerLaw = Math.exp(logPowerLaw);
  const fromJStat = Math.abs(jStat.studentt.inv(1 - upper, df));
  const candidates = [fromJStat, powerLaw].filter((t) => Number.isFinite(t) && t > 0);
  if (candidates.length === 0) return 1;
  const miss = (t: number): number => Math.abs(computeLogUpperTail(t, df) - Math.log(upper));
  return candidates.reduce((best, t) => (miss(t) < miss(best) ? t : best));
}
