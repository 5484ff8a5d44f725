// Crossover with 3+ treatments (e.g. a Williams design): fixed-effects OLS of y = subject + period + treatment.
import { AppError } from '../../ledger/index.js';
import { buildTEstimate, checkAlpha, type TEstimate } from './crossover-estimate.js';
import { fitLeastSquares } from './crossover-least-squares.js';
import { isWilliamsDesign } from './williams-design.js';

/** One measurement: a subject's outcome `y` in one period under one treatment. */
export interface PeriodObservation {
  subject: string;
  period: number;
  treatment: string;
  y: number;
}

/** A treatment's contrast with the reference: `treatment - reference`, adjusted for subjects and periods. */
export type TreatmentContrast = TEstimate & { treatment: string; reference: string };

/** The result of {@link analyzeWilliams}. */
export interface WilliamsAnalysis {
  method: 'ols-subject-period-treatment';
  alpha: number;
  treatments: string[];
  reference: string;
  periods: number[];
  subjects: number;
  observations: number;
  /** Residual df: observations - subjects - (periods - 1) - (treatments - 1). */
  df: number;
  /** Residual SD (root mean square error). */
  residualSd: number;
  contrasts: TreatmentContrast[];
  /**
   * How the subjects' sequences stand against first-order carryover (a diagnostic; the model has no carryover
   * term): `williams` when all subjects together are balanced, `williams-unequal-replication` when the
   * distinct sequences form a Williams design but not all equally often (e.g. after dropouts), else `other`.
   */
  design: 'williams' | 'williams-unequal-replication' | 'other';
}

/**
 * Fits y = subject + period + treatment with fixed effects by ordinary least squares (QR) and returns each
 * treatment's contrast with the reference (default: the first treatment in sorted order) with SE
 * `sqrt(sigma^2 [(X'X)^-1]_jj)`, t on the residual df, a two-sided p and a `1 - alpha` CI. Any crossover
 * layout works as long as the effects are estimable; Williams designs make the contrasts efficient and
 * balanced against first-order carryover.
 */
export function analyzeWilliams(observations: readonly PeriodObservation[], options: { reference?: string; alpha?: number } = {}): WilliamsAnalysis {
  const alpha = checkAlpha(options.alpha ?? 0.05);
  const subjects = [...new Set(observations.map((o) => o.subject))];
  const periods = [...new Set(observations.map((o) => o.period))].sort((a, b) => a - b);
  const sorted = [...new Set(observations.map((o) => o.treatment))].sort();
  const reference = options.reference ?? sorted[0];
  if (sorted.length < 2 || reference === undefined) throw new AppError('BAD_INPUT', `a crossover analysis needs at least 2 treatments, got ${sorted.length}`);
  if (!sorted.includes(reference)) throw new AppError('BAD_USAGE', `reference treatment ${JSON.stringify(reference)} is not in the data (${sorted.join(', ')})`);
  const treatments = [reference, ...sorted.filter((t) => t !== reference)];
  checkObservations(observations);
  // Columns: intercept, subjects 2..s, periods 2..p, treatments other than the reference.
  const names = ['intercept', ...subjects.slice(1).map((s) => `subject ${s}`), ...periods.slice(1).map((p) => `period ${p}`), ...treatments.slice(1).map((t) => `treatment ${t}`)];
  const offsetPeriod = subjects.length;
  const offsetTreatment = offsetPeriod + periods.length - 1;
  const x = observations.map((o) => {
    const row = new Array<number>(names.length).fill(0);
    row[0] = 1;
    const s = subjects.indexOf(o.subject);
    if (s > 0) row[s] = 1;
    const p = periods.indexOf(o.period);
    if (p > 0) row[offsetPeriod + p - 1] = 1;
    const t = treatments.indexOf(o.treatment);
    if (t > 0) row[offsetTreatment + t - 1] = 1;
    return row;
  });
  const fit = fitLeastSquares(x, observations.map((o) => o.y), names);
  if (fit.df < 1) throw new AppError('BAD_INPUT', `no residual degrees of freedom: ${observations.length} observations for ${names.length} parameters`);
  const contrasts = treatments.slice(1).map((treatment, i) => {
    const j = offsetTreatment + i;
    const se = Math.sqrt(fit.sigma2 * (fit.unscaledCovariance[j]?.[j] as number));
    return { treatment, reference, ...buildTEstimate(fit.coefficients[j] as number, se, fit.df, alpha) };
  });
  return {
    method: 'ols-subject-period-treatment',
    alpha,
    treatments,
    reference,
    periods,
    subjects: subjects.length,
    observations: observations.length,
    df: fit.df,
    residualSd: Math.sqrt(fit.sigma2),
    contrasts,
    design: describeDesign(listSequences(observations)),
  };
}

function checkObservations(observations: readonly PeriodObservation[]): void {
  const seen = new Set<string>();
  for (const o of observations) {
    if (!Number.isFinite(o.y)) throw new AppError('BAD_INPUT', `subject ${o.subject}, period ${o.period}: y must be a finite number`);
    const key = JSON.stringify([o.subject, o.period]);
    if (seen.has(key)) throw new AppError('BAD_INPUT', `subject ${o.subject} has two observations in period ${o.period}`);
    seen.add(key);
  }
}

function describeDesign(sequences: string[][]): WilliamsAnalysis['design'] {
  if (isWilliamsDesign(sequences)) return 'williams';
  const distinct = [...new Map(sequences.map((s) => [JSON.stringify(s), s])).values()];
  return isWilliamsDesign(distinct) ? 'williams-unequal-replication' : 'other';
}

/** Each subject's treatments in period order. */
function listSequences(observations: readonly PeriodObservation[]): string[][] {
  const bySubject = new Map<string, PeriodObservation[]>();
  for (const o of observations) bySubject.set(o.subject, [...(bySubject.get(o.subject) ?? []), o]);
  return [...bySubject.values()].map((rows) => rows.sort((a, b) => a.period - b.period).map((o) => o.treatment));
}
