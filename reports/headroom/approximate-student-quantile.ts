// Student's t quantile without jStat: the status line loads headroom on every Claude Code prompt, and jStat is 130 KB.
import { computeNormalUpperQuantile } from '../stats/normal-tail.js';

/**
 * The t quantile at probability p (above 0.5) with `df` degrees of freedom: exact for 1 and 2 (the Cauchy's tangent,
 * and (2p - 1) / sqrt(2p(1 - p))), else the Cornish-Fisher expansion in 1/df to its fourth term (Abramowitz & Stegun
 * 26.7.5). Against reports/stats/student-t.ts for df 1 to 19 and p 0.75 to 0.995 its largest relative error is 0.8%
 * (df 3, p 0.995); at p 0.975 (a 95% interval) 0.12% (df 3). Headroom uses df = tasks - 1, at most 19.
 */
export function approximateStudentQuantile(p: number, df: number): number {
  if (df === 1) return Math.tan(Math.PI * (p - 0.5));
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  const x = computeNormalUpperQuantile(1 - p);
  const terms = [
    (x ** 3 + x) / 4,
    (5 * x ** 5 + 16 * x ** 3 + 3 * x) / 96,
    (3 * x ** 7 + 19 * x ** 5 + 17 * x ** 3 - 15 * x) / 384,
    (79 * x ** 9 + 776 * x ** 7 + 1482 * x ** 5 - 1920 * x ** 3 - 945 * x) / 92_160,
  ];
  return terms.reduce((sum, term, index) => sum + term / df ** (index + 1), x);
}
