// The burn rate of a bar: the least-squares slope of used percentage over time, with its Student t interval.
import { computeStudentTQuantile } from '../stats/student-t.js';

export interface BurnFit {
  n: number;
  /** Percentage points per hour; null when the points span no time. */
  slope: number | null;
  /** The two-sided interval slope ± t_{1-(1-confidence)/2, n-2} · se(slope); null below 3 points or with no spread. */
  low: number | null;
  high: number | null;
  /** Why the slope or its interval is n/a. */
  reason: string | null;
}

/**
 * Ordinary least squares of pct on hours: slope = Sxy / Sxx, se = sqrt(SSE / (n - 2) / Sxx) (the textbook simple
 * regression, e.g. statsmodels' OLS params and conf_int; checked against it in fit-burn-rate.test.ts). Hours are
 * measured from the first point so the sums stay small. Points exactly on a line leave no spread to size an
 * interval: it is n/a rather than a zero width that would look exact.
 */
export function fitBurnRate(points: readonly { hours: number; pct: number }[], confidence = 0.95): BurnFit {
  const n = points.length;
  if (n < 2)
    return { n, slope: null, low: null, high: null, reason: `${n} reading${n === 1 ? '' : 's'} in this period: a burn rate needs 2` };
  const origin = points[0]?.hours ?? 0;
  const xs = points.map((point) => point.hours - origin);
  const ys = points.map((point) => point.pct);
  const xMean = xs.reduce((sum, x) => sum + x, 0) / n;
  const yMean = ys.reduce((sum, y) => sum + y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = (xs[i] as number) - xMean;
    sxx += dx * dx;
    sxy += dx * ((ys[i] as number) - yMean);
  }
  if (!(sxx > 0))
    return { n, slope: null, low: null, high: null, reason: 'every reading of this period is from one instant: no burn rate' };
  const slope = sxy / sxx;
  if (n < 3) return { n, slope, low: null, high: null, reason: '2 readings in this period: no interval for the burn rate (needs 3)' };
  let sse = 0;
  for (let i = 0; i < n; i += 1) {
    const residual = (ys[i] as number) - yMean - slope * ((xs[i] as number) - xMean);
    sse += residual * residual;
  }
  // Residuals at rounding level (1e-12 of the values) are a straight line, not a measured spread.
  const scale = Math.max(1, ...ys.map(Math.abs));
  if (sse <= (1e-12 * scale) ** 2 * n)
    return { n, slope, low: null, high: null, reason: 'the readings lie exactly on a line: no spread to size an interval' };
  const se = Math.sqrt(sse / (n - 2) / sxx);
  const t = computeStudentTQuantile(1 - (1 - confidence) / 2, n - 2);
  return { n, slope, low: slope - t * se, high: slope + t * se, reason: null };
}
