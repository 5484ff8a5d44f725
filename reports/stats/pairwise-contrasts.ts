// Every pairwise treatment contrast of a linear model fit, with Holm-adjusted p and Bonferroni simultaneous intervals.
import { adjustHolm } from './adjust-holm.js';
import { buildTEstimate, type TEstimate } from './crossover-estimate.js';

/**
 * `a - b` adjusted for everything else in the model. The TEstimate fields (ciLow, ciHigh, t, p) are the
 * per-comparison ones at `1 - alpha`; `pHolm` and the simultaneous interval account for all the pairs.
 */
export type PairwiseContrast = TEstimate & {
  a: string;
  b: string;
  /** Holm-adjusted p over all k(k-1)/2 pairs (NaN when `na`). */
  pHolm: number;
  /** Bonferroni simultaneous `1 - alpha` interval: t quantile at `1 - alpha / (2m)`, m = number of pairs (NaN when `na`). */
  simultaneousLow: number;
  simultaneousHigh: number;
};

/** What the contrasts need from a fit: coefficients, (X'X)^-1, sigma^2 and residual df. */
export interface ContrastFit {
  coefficients: readonly number[];
  unscaledCovariance: readonly (readonly number[])[];
  sigma2: number;
  df: number;
}

/**
 * For each pair i < j of `treatments` (in the order given), the contrast c'b with c = e_a - e_b (the
 * reference's effect is 0, so it has no entry), SE `sqrt(sigma^2 c'(X'X)^-1 c)` (Searle, Linear Models,
 * 1971, ch. 5), Student t on the residual df. Multiplicity over the m = k(k-1)/2 pairs: Holm's step-down
 * p-values (Holm 1979) for the tests, and for the intervals Bonferroni, i.e. each at level `1 - alpha/m`.
 * Bonferroni is used for the intervals because Holm has no matching interval, and unlike Tukey's
 * studentized range it stays exactly valid (if conservative) for the unbalanced, dropout-ridden designs
 * that reach this code: the m intervals together cover all true contrasts with probability >= 1 - alpha.
 * `scale`: the fit was to y / scale (a power of two), so estimates and SEs are multiplied back by it.
 */
export function comparePairs(
  treatments: readonly string[],
  columns: ReadonlyMap<string, number>,
  fit: ContrastFit,
  alpha: number,
  options: { scale?: number; zeroSe?: string } = {},
): PairwiseContrast[] {
  const scale = options.scale ?? 1;
  const pairs: [string, string][] = [];
  for (const [i, a] of treatments.entries()) for (const b of treatments.slice(i + 1)) pairs.push([a, b]);
  const m = pairs.length;
  const raw = pairs.map(([a, b]) => {
    const ia = columns.get(a);
    const ib = columns.get(b);
    const coefficient = (j: number | undefined): number => (j === undefined ? 0 : (fit.coefficients[j] as number));
    const covariance = (j: number | undefined, k: number | undefined): number =>
      j === undefined || k === undefined ? 0 : (fit.unscaledCovariance[j]?.[k] as number);
    const variance = covariance(ia, ia) + covariance(ib, ib) - 2 * covariance(ia, ib);
    // Rounding can leave a tiny negative variance; clamp, so it becomes an `na` for SE 0 rather than a NaN.
    const se = Math.sqrt(Math.max(0, fit.sigma2 * variance)) * scale;
    const estimate = (coefficient(ia) - coefficient(ib)) * scale;
    return {
      a,
      b,
      single: buildTEstimate(estimate, se, fit.df, alpha, options.zeroSe),
      joint: buildTEstimate(estimate, se, fit.df, alpha / Math.max(1, m), options.zeroSe),
    };
  });
  const holm = adjustHolm(raw.map((r) => r.single.p));
  return raw.map((r, i) => ({
    a: r.a,
    b: r.b,
    ...r.single,
    pHolm: holm[i] as number,
    simultaneousLow: r.joint.ciLow,
    simultaneousHigh: r.joint.ciHigh,
  }));
}
