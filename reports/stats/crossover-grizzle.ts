// AB/BA crossover analysis (Grizzle 1965; Jones & Kenward ch. 2; Senn ch. 3): treatment, period and a carryover diagnostic.
import { AppError } from '../../kernel/index.js';
import { buildTEstimate, checkAlpha, type TEstimate } from './crossover-estimate.js';
import { computePowerOfTwoScale, computeScaledMean } from './scaled-moments.js';

/** The order a subject got the treatments in: `AB` is A in period 1 then B in period 2. */
export type CrossoverSequence = 'AB' | 'BA';

/** One subject of an AB/BA crossover: its sequence and its outcome in period 1 (`y1`) and period 2 (`y2`). */
export interface CrossoverSubject {
  subject: string;
  sequence: CrossoverSequence;
  y1: number;
  y2: number;
}

/** Per-sequence summaries: D = y1 - y2 (period 1 minus period 2) and T = y1 + y2 per subject. */
export interface CrossoverGroup {
  n: number;
  meanY1: number;
  meanY2: number;
  meanDifference: number;
  sdDifference: number;
  meanTotal: number;
  sdTotal: number;
}

/** The full result of {@link analyzeCrossover}; every estimate carries SE, CI, t, df and p. */
export interface CrossoverAnalysis {
  method: 'grizzle-ab-ba';
  alpha: number;
  groups: Record<CrossoverSequence, CrossoverGroup>;
  /** Pooled within-sequence SD of D (df n1 + n2 - 2). */
  pooledSdDifference: number;
  /** Pooled within-sequence SD of T (df n1 + n2 - 2). */
  pooledSdTotal: number;
  /** A - B: `(mean D_AB - mean D_BA) / 2`, SE `(s_D / 2) sqrt(1/n1 + 1/n2)`. */
  treatment: TEstimate;
  /** Period 1 - period 2: `(mean D_AB + mean D_BA) / 2`, same SE as the treatment. */
  period: TEstimate;
  /** Carryover of A minus carryover of B: `mean T_AB - mean T_BA`, SE `s_T sqrt(1/n1 + 1/n2)`. A diagnostic only. */
  carryover: TEstimate;
  conventions: { treatment: string; period: string; carryover: string };
  notes: string[];
}

/** Why the carryover test is printed but never acted on. */
export const CARRYOVER_NOTE =
  'The carryover test is a diagnostic only and is never used to choose the analysis: the two-stage procedure (test carryover, then fall back to period-1 data) inflates the type I error (Freeman 1989; Senn 2002, ch. 3). It compares subject totals between sequences, so it has between-subject precision and little power.';

/**
 * Analyses an AB/BA crossover the classical way (Grizzle 1965, without his carryover pre-test): a two-sample
 * t-test on the period differences D = y1 - y2 for the treatment and period effects, and on the subject
 * totals T = y1 + y2 for carryover; df = n1 + n2 - 2 throughout. Subjects need both periods.
 */
export function analyzeCrossover(subjects: readonly CrossoverSubject[], options: { alpha?: number } = {}): CrossoverAnalysis {
  const alpha = checkAlpha(options.alpha ?? 0.05);
  const ab = subjects.filter((s) => s.sequence === 'AB');
  const ba = subjects.filter((s) => s.sequence === 'BA');
  if (ab.length < 1 || ba.length < 1 || ab.length + ba.length < 3) {
    throw new AppError(
      'BAD_INPUT',
      `an AB/BA analysis needs at least one subject in each sequence and three in all; got AB=${ab.length}, BA=${ba.length}`,
    );
  }
  for (const s of subjects) {
    if (!Number.isFinite(s.y1) || !Number.isFinite(s.y2))
      throw new AppError('BAD_INPUT', `subject ${s.subject}: y1 and y2 must be finite numbers`);
  }
  // Everything is computed on y / 2^k (max |y| in [1, 2)), exact for powers of two, and scaled back at the end:
  // y1 - y2 and y1 + y2 of values near 1.8e308 would overflow, so an estimate that fits in a double is still given.
  const scale = computePowerOfTwoScale(subjects.reduce((max, s) => Math.max(max, Math.abs(s.y1), Math.abs(s.y2)), 0));
  const shrink = (group: CrossoverSubject[]): CrossoverSubject[] => group.map((s) => ({ ...s, y1: s.y1 / scale, y2: s.y2 / scale }));
  const [abScaled, baScaled] = [shrink(ab), shrink(ba)];
  const scaled = { AB: summarizeGroup(abScaled), BA: summarizeGroup(baScaled) };
  const df = ab.length + ba.length - 2;
  const sdDifference = computePooledSd([abScaled.map(difference), baScaled.map(difference)], df);
  const sdTotal = computePooledSd([abScaled.map(total), baScaled.map(total)], df);
  const k = Math.sqrt(1 / ab.length + 1 / ba.length);
  const seWithin = (sdDifference / 2) * k * scale;
  const { AB, BA } = scaled;
  return {
    method: 'grizzle-ab-ba',
    alpha,
    groups: { AB: enlargeGroup(AB, scale), BA: enlargeGroup(BA, scale) },
    pooledSdDifference: sdDifference * scale,
    pooledSdTotal: sdTotal * scale,
    treatment: buildTEstimate(((AB.meanDifference - BA.meanDifference) / 2) * scale, seWithin, df, alpha),
    period: buildTEstimate(((AB.meanDifference + BA.meanDifference) / 2) * scale, seWithin, df, alpha),
    carryover: buildTEstimate((AB.meanTotal - BA.meanTotal) * scale, sdTotal * k * scale, df, alpha),
    conventions: {
      treatment: 'A - B (positive: A scores higher)',
      period: 'period 1 - period 2 (positive: period 1 scores higher)',
      carryover: 'carryover of A - carryover of B = mean(y1 + y2 | AB) - mean(y1 + y2 | BA)',
    },
    notes: [CARRYOVER_NOTE],
  };
}

function difference(s: CrossoverSubject): number {
  return s.y1 - s.y2;
}

function total(s: CrossoverSubject): number {
  return s.y1 + s.y2;
}

/** Scaled (scaled-moments.ts), so totals of values near 1e308 do not overflow; identical to sum / n elsewhere. */
function mean(values: readonly number[]): number {
  return computeScaledMean(values);
}

/**
 * The pooled SD of several groups around their own means, sqrt(sum of squared deviations / df): two-pass, so
 * large offsets do not cancel, and scaled by the largest deviation until the square root, so values near 1e300
 * do not overflow to Infinity nor values near 1e-300 underflow to 0.
 */
function computePooledSd(groups: readonly (readonly number[])[], df: number): number {
  const deviations = groups.flatMap((values) => {
    const m = mean(values);
    return values.map((v) => v - m);
  });
  const scale = deviations.reduce((max, d) => Math.max(max, Math.abs(d)), 0);
  if (scale === 0 || !Number.isFinite(scale)) return scale === 0 ? 0 : Number.NaN;
  return scale * Math.sqrt(deviations.reduce((sum, d) => sum + (d / scale) ** 2, 0) / df);
}

/** The group's summaries in the data's units (infinite where they are past the double range). */
function enlargeGroup(group: CrossoverGroup, scale: number): CrossoverGroup {
  const { n, meanY1, meanY2, meanDifference, sdDifference, meanTotal, sdTotal } = group;
  return {
    n,
    meanY1: meanY1 * scale,
    meanY2: meanY2 * scale,
    meanDifference: meanDifference * scale,
    sdDifference: sdDifference * scale,
    meanTotal: meanTotal * scale,
    sdTotal: sdTotal * scale,
  };
}

function summarizeGroup(group: readonly CrossoverSubject[]): CrossoverGroup {
  const sd = (values: number[]): number => (values.length > 1 ? computePooledSd([values], values.length - 1) : Number.NaN);
  const d = group.map(difference);
  const t = group.map(total);
  return {
    n: group.length,
    meanY1: mean(group.map((s) => s.y1)),
    meanY2: mean(group.map((s) => s.y2)),
    meanDifference: mean(d),
    sdDifference: sd(d),
    meanTotal: mean(t),
    sdTotal: sd(t),
  };
}
