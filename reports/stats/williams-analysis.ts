// Crossover with 2+ treatments (e.g. a Williams design): fixed-effects OLS of y = subject + period + treatment [+ carryover].
import { AppError } from '../../kernel/index.js';
import { buildTEstimate, checkAlpha, type TEstimate } from './crossover-estimate.js';
import {
  buildDesignMatrix,
  computeLeastSquaresMeans,
  resolvePreviousTreatments,
  type CrossoverRow,
  type DesignMatrix,
} from './crossover-design-matrix.js';
import { findAliasedColumns, fitLeastSquares, type LeastSquaresFit } from './crossover-least-squares.js';
import { comparePairs, type PairwiseContrast } from './pairwise-contrasts.js';
import { computePowerOfTwoScale } from './scaled-moments.js';
import { describeDesign, describeReliance, listSequences, type WilliamsDesignLabel } from './williams-design.js';

export type { PairwiseContrast } from './pairwise-contrasts.js';
export { describeDesign } from './williams-design.js';

/** One measurement: a subject's outcome `y` in one period under one treatment. */
export interface PeriodObservation {
  subject: string;
  period: number;
  treatment: string;
  y: number;
  /**
   * The treatment the subject had in the period before (null: none, it is the subject's first period). Give
   * it when that period ran but its outcome is not among the observations; when omitted it is read from
   * the subject's observation in the previous period of the data (none in the data's first period).
   */
  previousTreatment?: string | null;
}

/** A treatment's contrast with the reference: `treatment - reference`, adjusted for subjects and periods. */
export type TreatmentContrast = TEstimate & { treatment: string; reference: string };

/** `carryover of treatment - carryover of reference` (first-order: the effect of the previous period's treatment). */
export type CarryoverEstimate = TEstimate & { treatment: string; reference: string };

/** `true`: fit carryover or refuse; `false`: never; `'auto'`: fit it when the data can estimate it. */
export type CarryoverOption = boolean | 'auto';

/** Whether the model has first-order carryover terms, and why (not). */
export interface CarryoverResult {
  requested: CarryoverOption;
  fitted: boolean;
  /** Plain words: what was fitted, or why carryover is not in the model and what is relied on instead. */
  note: string;
  /** Empty unless fitted. Not adjusted for multiplicity: a diagnostic, not a finding. */
  estimates: CarryoverEstimate[];
  /** Observations left out of the carryover fit because the treatment of their previous period is unknown. */
  leftOut: number;
}

/** The result of {@link analyzeWilliams}. */
export interface WilliamsAnalysis {
  method: 'ols-subject-period-treatment' | 'ols-subject-period-treatment-carryover';
  alpha: number;
  treatments: string[];
  reference: string;
  periods: number[];
  /** Subjects and observations in the fitted model. */
  subjects: number;
  observations: number;
  /** Residual df: observations - number of parameters. */
  df: number;
  /** Residual SD (root mean square error); 0 when the model fits every observation exactly. */
  residualSd: number;
  /** Least-squares means (equal weight to subjects and periods, carryover at its data mean), in `treatments` order. */
  means: { treatment: string; lsMean: number }[];
  /** Each treatment against the reference. */
  contrasts: TreatmentContrast[];
  /** Every pair `a - b` (a before b in `treatments`), with Holm-adjusted p and simultaneous intervals. */
  pairwise: PairwiseContrast[];
  carryover: CarryoverResult;
  /**
   * How the subjects' sequences stand against first-order carryover: `williams` when all subjects together
   * are balanced, `williams-unequal-replication` when the distinct sequences form a Williams design but not
   * all equally often (e.g. after dropouts), else `other`.
   */
  design: WilliamsDesignLabel;
}

/**
 * Fits y = subject + period + treatment (+ first-order carryover: the previous period's treatment, none in
 * period 1; Jones & Kenward, Design and Analysis of Cross-Over Trials, 3rd ed., ch. 5) with fixed effects by
 * OLS (QR), and returns each treatment against the reference (default: the first in sorted order) and every
 * pairwise contrast, SE `sqrt(sigma^2 c'(X'X)^-1 c)`, t on the residual df, two-sided p, `1 - alpha` CI.
 * Carryover (default 'auto') matters because without it a Williams design's contrasts are biased by
 * -(lambda_a - lambda_b)/k under carryover lambda; it is fitted when no carryover column is aliased with the
 * other effects (QR rank) and a residual df remains, else the note says why and what is relied on.
 */
export function analyzeWilliams(
  observations: readonly PeriodObservation[],
  options: { reference?: string; alpha?: number; carryover?: CarryoverOption } = {},
): WilliamsAnalysis {
  const alpha = checkAlpha(options.alpha ?? 0.05);
  const requested = options.carryover ?? 'auto';
  const sorted = [...new Set(observations.map((o) => o.treatment))].sort();
  const reference = options.reference ?? sorted[0];
  if (sorted.length < 2 || reference === undefined)
    throw new AppError('BAD_INPUT', `a crossover analysis needs at least 2 treatments, got ${sorted.length}`);
  if (!sorted.includes(reference))
    throw new AppError('BAD_USAGE', `reference treatment ${JSON.stringify(reference)} is not in the data (${sorted.join(', ')})`);
  const treatments = [reference, ...sorted.filter((t) => t !== reference)];
  checkObservations(observations);
  // Fitted to y / 2^k (max |y| in [1, 2)) and scaled back: exact for powers of two, and the residual sum of
  // squares of values near 1e200 (or 1e-200) would otherwise overflow (underflow) and fake an SE of inf (0).
  const scale = computePowerOfTwoScale(observations.reduce((max, o) => Math.max(max, Math.abs(o.y)), 0));
  const rows = resolvePreviousTreatments(observations).map((r) => ({ ...r, y: r.y / scale }));
  const design = describeDesign(listSequences(observations));
  const base = buildDesignMatrix(rows, treatments, false);
  const baseFit = fitLeastSquares(base.x, base.y, base.names);
  if (baseFit.df < 1)
    throw new AppError(
      'BAD_INPUT',
      `no residual degrees of freedom: ${observations.length} observations for ${base.names.length} parameters`,
    );
  const tried = requested === false ? { refused: 'carryover was not requested (carryover: false)' } : tryCarryover(rows, treatments);
  if ('refused' in tried && requested === true) throw new AppError('BAD_INPUT', `cannot fit carryover: ${tried.refused}`);
  const [matrix, fit] = 'refused' in tried ? [base, baseFit] : [tried.matrix, tried.fit];
  const sigma2 = snapResidualVariance(fit, matrix.y);
  const model = { ...fit, sigma2 };
  const effect = (j: number): TEstimate =>
    buildTEstimate(
      (fit.coefficients[j] as number) * scale,
      Math.sqrt(sigma2 * (fit.unscaledCovariance[j]?.[j] as number)) * scale,
      fit.df,
      alpha,
      EXACT_FIT,
    );
  const carryover: CarryoverResult =
    'refused' in tried
      ? {
          requested,
          fitted: false,
          note: `${capitalize(tried.refused)}; ${describeReliance(design, treatments.length)}`,
          estimates: [],
          leftOut: 0,
        }
      : {
          requested,
          fitted: true,
          note: `First-order carryover fitted (effect of the previous period's treatment, measured against ${matrix.carryoverReference}'s)${tried.leftOut > 0 ? `; ${tried.leftOut} observation(s) whose previous period is unknown left out` : ''}`,
          estimates: [...matrix.carryoverColumns].map(([treatment, j]) => ({
            treatment,
            reference: matrix.carryoverReference as string,
            ...effect(j),
          })),
          leftOut: tried.leftOut,
        };
  return {
    method: carryover.fitted ? 'ols-subject-period-treatment-carryover' : 'ols-subject-period-treatment',
    alpha,
    treatments,
    reference,
    periods: matrix.periods,
    subjects: matrix.subjects.length,
    observations: matrix.y.length,
    df: fit.df,
    residualSd: Math.sqrt(sigma2) * scale,
    means: computeLeastSquaresMeans(matrix, fit.coefficients, treatments).map((m) => ({ ...m, lsMean: m.lsMean * scale })),
    contrasts: [...matrix.treatmentColumns].map(([treatment, j]) => ({ treatment, reference, ...effect(j) })),
    pairwise: comparePairs(treatments, matrix.treatmentColumns, model, alpha, { scale, zeroSe: EXACT_FIT }),
    carryover,
    design,
  };
}

/** Why an SE is 0 here: sigma^2 snapped to 0 (snapResidualVariance). */
const EXACT_FIT = 'no variation around the fit: the model fits every observation exactly (standard error 0)';

type CarryoverAttempt = { refused: string } | { matrix: DesignMatrix; fit: LeastSquaresFit; leftOut: number };

/** The carryover model when the data can estimate it: every column estimable (QR rank) and df >= 1. */
function tryCarryover(rows: readonly CrossoverRow[], treatments: readonly string[]): CarryoverAttempt {
  const known = rows.filter((r) => r.previous !== undefined);
  const leftOut = rows.length - known.length;
  if (!known.some((r) => r.previous !== null))
    return { refused: 'carryover is not estimable: no observation follows another of the same subject' };
  const missing = treatments.filter((t) => !known.some((r) => r.treatment === t));
  if (missing.length > 0)
    return {
      refused: `carryover is not estimable: once the ${leftOut} observation(s) with an unknown previous period are left out, ${missing.join(', ')} has no observation`,
    };
  const matrix = buildDesignMatrix(known, treatments, true);
  const { aliased } = findAliasedColumns(matrix.x, matrix.names);
  if (aliased.length > 0) {
    const why =
      matrix.periods.length === 2
        ? ' (with two periods, carryover is confounded with the sequence, which the subject effects absorb: Jones & Kenward, ch. 2)'
        : '';
    return { refused: `carryover is not estimable: ${aliased.join(', ')} is aliased with the subject, period and treatment effects${why}` };
  }
  const df = matrix.y.length - matrix.names.length;
  if (df < 1)
    return {
      refused: `carryover is not estimable: ${matrix.y.length} observations for ${matrix.names.length} parameters leave no residual degrees of freedom`,
    };
  return { matrix, fit: fitLeastSquares(matrix.x, matrix.y, matrix.names), leftOut };
}

/**
 * sigma^2, or 0 when the residuals are at rounding level (RMS below 1e-10 of the largest |y|): noise-free
 * data leave ~1e-15 of rounding, which would otherwise pass for a real, tiny SE and a p of 0.
 */
function snapResidualVariance(fit: LeastSquaresFit, y: readonly number[]): number {
  const scale = Math.max(...y.map((v) => Math.abs(v)));
  return fit.residualSumOfSquares <= y.length * (1e-10 * scale) ** 2 ? 0 : fit.sigma2;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
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
