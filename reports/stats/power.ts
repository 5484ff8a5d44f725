// Power of a two-sided t test (two-sample, paired, AB/BA crossover) from the noncentral t distribution.
import { AppError } from '../../kernel/index.js';
import { approximationErrorBound, computeNoncentralTCdf } from './noncentral-t.js';
import { computeStudentTQuantile } from './student-t.js';

/** The designs the power and sample-size functions know. */
export const STUDY_DESIGNS = ['two-sample', 'paired', 'crossover'] as const;
export type StudyDesign = (typeof STUDY_DESIGNS)[number];

/** What `n` counts in each design. */
export const SAMPLE_UNITS: Record<StudyDesign, string> = {
  'two-sample': 'per group',
  paired: 'pairs',
  crossover: 'subjects in total',
};

export interface PowerInput {
  design: StudyDesign;
  /** Standardized effect d > 0 (see {@link computeTestDistribution} for the scale in each design). */
  effect: number;
  /** Per group (two-sample), pairs (paired) or subjects in total (crossover). */
  n: number;
  /** Two-sided significance level; default 0.05. */
  alpha?: number;
}

export interface PowerResult {
  design: StudyDesign;
  effect: number;
  n: number;
  alpha: number;
  df: number;
  ncp: number;
  t_critical: number;
  power: number;
  /** Absolute error bound of `power`: 0 where the noncentral t series is exact (to 1e-10), else the normal approximation's. */
  error_bound: number;
}

/** The smallest n each design accepts (at least one degree of freedom; one subject per crossover sequence). */
export const MIN_SAMPLE: Record<StudyDesign, number> = { 'two-sample': 2, paired: 2, crossover: 3 };

/**
 * Degrees of freedom and noncentrality of the t statistic when the true standardized effect is `effect`.
 * - two-sample (n per group, equal SDs): d = (mu_A - mu_B) / sigma; df = 2n - 2, ncp = d sqrt(n / 2).
 * - paired (n pairs): d = mean difference / SD of the differences; df = n - 1, ncp = d sqrt(n).
 * - crossover (AB/BA, Grizzle 1965; n subjects, n1 = floor(n/2) on AB, n2 = n - n1 on BA): the estimate
 *   (mean D_AB - mean D_BA) / 2 of D = period 1 - period 2 has SE (sigma_D / 2) sqrt(1/n1 + 1/n2) and
 *   df = n - 2. d = (mu_A - mu_B) / sigma_D, the effect in SDs of a subject's A - B difference, so
 *   ncp = 2d / sqrt(1/n1 + 1/n2) = d sqrt(n) when balanced: the paired scale, one df fewer for the period
 *   effect. With the within-subject SD sigma_w of Julious (2004), sigma_D = sqrt(2) sigma_w.
 */
export function computeTestDistribution(design: StudyDesign, effect: number, n: number): { df: number; ncp: number } {
  switch (design) {
    case 'two-sample':
      return { df: 2 * n - 2, ncp: effect * Math.sqrt(n / 2) };
    case 'paired':
      return { df: n - 1, ncp: effect * Math.sqrt(n) };
    case 'crossover': {
      const n1 = Math.floor(n / 2);
      const n2 = n - n1;
      return { df: n - 2, ncp: (2 * effect) / Math.sqrt(1 / n1 + 1 / n2) };
    }
  }
}

/**
 * Power of the two-sided level-alpha t test: P(|T| > t_crit) with T noncentral t(df, ncp) and
 * t_crit = t_{1 - alpha/2, df}, counting both tails (the far tail is negligible unless ncp is near 0).
 */
export function computePowerFromNoncentrality(df: number, ncp: number, alpha = 0.05): number {
  const critical = -computeStudentTQuantile(alpha / 2, df);
  return 1 - computeNoncentralTCdf(critical, df, ncp) + computeNoncentralTCdf(-critical, df, ncp);
}

/**
 * Power of a two-sided t test for a standardized effect (Cohen's d), from the noncentral t distribution
 * (exact under normality; matches SciPy's stats.nct to 1e-10 and the references in docs/product.md#power-references,
 * R's power.t.test figures, to all 7 printed decimals). Two-sample: n per group;
 * paired: n pairs; crossover: n subjects in total split evenly between AB and BA. Throws a BAD_USAGE
 * AppError, whose `where` names the field, for effect <= 0, n below the design's minimum or alpha outside (0, 1).
 */
export function computePower(input: PowerInput): PowerResult {
  const alpha = input.alpha ?? 0.05;
  checkDesignInput(input.design, input.effect, alpha);
  checkSampleSize(input.design, input.n, 'n');
  const { df, ncp } = computeTestDistribution(input.design, input.effect, input.n);
  // From the lower tail: 1 - alpha / 2 rounds to 1 below alpha = 2e-16, where the quantile would be NaN.
  const t_critical = -computeStudentTQuantile(alpha / 2, df);
  const power = 1 - computeNoncentralTCdf(t_critical, df, ncp) + computeNoncentralTCdf(-t_critical, df, ncp);
  // Two CDF values enter the power: F(t_crit) with its bound, and F(-t_crit) <= F(t_crit) (a CDF), bounded the same.
  const bound = approximationErrorBound(df, ncp, t_critical);
  return { design: input.design, effect: input.effect, n: input.n, alpha, df, ncp, t_critical, power, error_bound: Math.min(1, 2 * bound) };
}

/** Throws BAD_USAGE unless the design is known, effect > 0 is finite and 0 < alpha < 1. */
export function checkDesignInput(design: string, effect: number, alpha: number): void {
  if (!(STUDY_DESIGNS as readonly string[]).includes(design)) {
    throw new AppError('BAD_USAGE', `expected one of ${STUDY_DESIGNS.join(', ')}, got ${JSON.stringify(design)}`, { where: 'design' });
  }
  if (!(Number.isFinite(effect) && effect > 0)) {
    throw new AppError('BAD_USAGE', `expected a standardized effect d > 0, got ${effect}`, { where: 'effect' });
  }
  checkProbability(alpha, 'alpha');
}

/** Throws BAD_USAGE unless 0 < value < 1. */
export function checkProbability(value: number, where: string): void {
  if (!(value > 0 && value < 1)) throw new AppError('BAD_USAGE', `expected a number strictly between 0 and 1, got ${value}`, { where });
}

/** Throws BAD_USAGE unless n is a whole number at or above the design's minimum. */
export function checkSampleSize(design: StudyDesign, n: number, where: string): void {
  const min = MIN_SAMPLE[design];
  if (!(Number.isInteger(n) && n >= min)) {
    throw new AppError('BAD_USAGE', `expected a whole number >= ${min} (${SAMPLE_UNITS[design]}, ${design}), got ${n}`, { where });
  }
}
