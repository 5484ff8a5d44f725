// Mainland-Gart analysis of an AB/BA crossover with pass/fail outcomes (Mainland 1963; Gart 1969; Jones & Kenward 2.13).
import jStat from 'jstat';
import { AppError } from '../../kernel/index.js';
import { checkAlpha } from './crossover-estimate.js';
import { computeFisherExactP, type TwoByTwo } from './crossover-fisher-exact.js';
import type { CrossoverSequence, CrossoverSubject } from './crossover-grizzle.js';

/** An odds ratio with its Wald interval `exp(log OR ± z_{1-alpha/2} · SE)` and Fisher's exact two-sided p. */
export interface OddsRatioEstimate {
  estimate: number;
  logSe: number;
  ciLow: number;
  ciHigh: number;
  /** log OR / SE (the Wald statistic; the p below is Fisher's, not this z's). */
  z: number;
  p: number;
}

/** The result of {@link analyzeMainlandGart}. Estimates are null when no subject's outcomes differ between periods. */
export interface MainlandGartAnalysis {
  method: 'mainland-gart';
  alpha: number;
  n: Record<CrossoverSequence, number>;
  /** Discordant subjects: success in period 1 only, or in period 2 only. Only these enter the analysis. */
  table: Record<CrossoverSequence, { period1: number; period2: number }>;
  /** Subjects left out: success in both periods, or in neither. */
  concordant: Record<CrossoverSequence, { both: number; neither: number }>;
  /** True when a cell of the table was 0, so 0.5 was added to every cell for the odds ratios and their CIs. */
  continuityCorrected: boolean;
  /** Within-subject odds of success on A versus B, exp(tau_A - tau_B): the square root of `tableOddsRatio`. */
  treatment: OddsRatioEstimate | null;
  /** Within-subject odds of success in period 1 versus period 2: sqrt((AB p1 · BA p1) / (AB p2 · BA p2)). */
  period: OddsRatioEstimate | null;
  /** The cross-product ratio of the sequence x period-of-success table, (AB p1 · BA p2) / (AB p2 · BA p1) = exp(2 (tau_A - tau_B)). */
  tableOddsRatio: OddsRatioEstimate | null;
  pMethod: 'fisher-exact-two-sided';
  /** Why there is no odds ratio (the estimates are null then). */
  naReason: string | null;
  /** Why the period odds ratio alone is null (its table has a zero column); equals naReason when that is set. */
  periodNaReason: string | null;
  notes: string[];
}

/**
 * Mainland-Gart: keep the subjects whose outcome differs between the periods, tabulate sequence x which
 * period succeeded, and test the association with Fisher's exact test (two-sided). Under Gart's logistic
 * model the table's log cross-product ratio estimates 2 (tau_A - tau_B), so the within-subject treatment odds
 * ratio is its square root. Outcomes must be 0 (fail) or 1 (pass).
 */
export function analyzeMainlandGart(subjects: readonly CrossoverSubject[], options: { alpha?: number } = {}): MainlandGartAnalysis {
  const alpha = checkAlpha(options.alpha ?? 0.05);
  const table = { AB: { period1: 0, period2: 0 }, BA: { period1: 0, period2: 0 } };
  const concordant = { AB: { both: 0, neither: 0 }, BA: { both: 0, neither: 0 } };
  const n = { AB: 0, BA: 0 };
  for (const s of subjects) {
    if (!isBinary(s.y1) || !isBinary(s.y2))
      throw new AppError('BAD_INPUT', `subject ${s.subject}: pass/fail outcomes must be 0 or 1, got y1=${s.y1}, y2=${s.y2}`);
    n[s.sequence] += 1;
    if (s.y1 === s.y2) concordant[s.sequence][s.y1 === 1 ? 'both' : 'neither'] += 1;
    else table[s.sequence][s.y1 === 1 ? 'period1' : 'period2'] += 1;
  }
  const a = table.AB.period1;
  const b = table.AB.period2;
  const c = table.BA.period1;
  const d = table.BA.period2;
  // An odds ratio whose uncorrected form is 0 / 0 would come from the 0.5 correction alone: a sequence with no
  // discordant subject (a zero row), or no subject succeeding in period 1 only (or period 2 only) in either sequence
  // (a zero column). One zero cell is different: the uncorrected ratio is 0 or infinite, and the correction only
  // keeps it finite (Haldane 1956), so that estimate stays, with the correction noted.
  const naReason = describeUndefinedRatio(a, b, c, d);
  const empty = naReason !== null;
  // The period table pairs AB's period-1 cell with BA's period-2 cell: its own zero column is a + d or b + c.
  const periodNaReason = empty
    ? naReason
    : a + d === 0 || b + c === 0
      ? `no task in either sequence succeeded on ${a + d === 0 ? 'A' : 'B'} only, so a period odds ratio would come from the 0.5 correction alone`
      : null;
  const continuityCorrected = !empty && Math.min(a, b, c, d) === 0;
  const z = jStat.normal.inv(1 - alpha / 2, 0, 1);
  const treatmentTable: TwoByTwo = [
    [a, b],
    [c, d],
  ];
  // Period: success in period 1 is "A" in AB and "B" in BA, so swap BA's columns.
  const periodTable: TwoByTwo = [
    [a, b],
    [d, c],
  ];
  return {
    method: 'mainland-gart',
    alpha,
    n,
    table,
    concordant,
    continuityCorrected,
    treatment: empty ? null : estimateOddsRatio(treatmentTable, z, continuityCorrected, 0.5),
    period: periodNaReason ? null : estimateOddsRatio(periodTable, z, continuityCorrected, 0.5),
    tableOddsRatio: empty ? null : estimateOddsRatio(treatmentTable, z, continuityCorrected, 1),
    pMethod: 'fisher-exact-two-sided',
    naReason,
    periodNaReason,
    notes: [
      "Only subjects whose outcome differs between the periods enter; p is two-sided from Fisher's exact test on the sequence x period-of-success table; the CIs are Wald intervals on the log odds ratio" +
        (continuityCorrected ? ', with 0.5 added to every cell because one was 0.' : '.'),
      'Carryover is not estimated for pass/fail outcomes.',
      ...(periodNaReason && !empty ? [`Period odds ratio n/a: ${periodNaReason}.`] : []),
    ],
  };
}

/** Why the treatment odds ratio (a d) / (b c) would be 0 / 0 before the correction, or null. */
function describeUndefinedRatio(a: number, b: number, c: number, d: number): string | null {
  if (a + b + c + d === 0) return 'no task succeeded in one period only';
  const lonely = a + b === 0 ? 'AB' : c + d === 0 ? 'BA' : null;
  if (lonely)
    return `sequence ${lonely} has no task that succeeded in one period only, so an odds ratio would come from the 0.5 correction alone`;
  if (a + c === 0 || b + d === 0) {
    const period = a + c === 0 ? 1 : 2;
    return `no task in either sequence succeeded in period ${period} only, so an odds ratio would come from the 0.5 correction alone`;
  }
  return null;
}

function isBinary(value: number): boolean {
  return value === 0 || value === 1;
}

/** `power` 1 gives the cross-product ratio of the table, 0.5 its square root (the per-treatment odds ratio). */
function estimateOddsRatio(table: TwoByTwo, z: number, corrected: boolean, power: number): OddsRatioEstimate {
  const shift = corrected ? 0.5 : 0;
  const [[a, b], [c, d]] = table;
  const [ca, cb, cc, cd] = [a + shift, b + shift, c + shift, d + shift];
  const logOr = power * Math.log((ca * cd) / (cb * cc));
  const logSe = power * Math.sqrt(1 / ca + 1 / cb + 1 / cc + 1 / cd);
  return {
    estimate: Math.exp(logOr),
    logSe,
    ciLow: Math.exp(logOr - z * logSe),
    ciHigh: Math.exp(logOr + z * logSe),
    z: logOr / logSe,
    p: computeFisherExactP(table),
  };
}
