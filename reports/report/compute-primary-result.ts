// The pre-registered primary result: every contrast of the plan's providers, and who is ahead on it: pure.
import type { PairedComparison } from '../metrics/analyze-pairs.js';
import type { ProviderComparison } from '../metrics/compare-providers.js';

/** One contrast `a - b` of the primary analysis. */
export interface PrimaryContrast {
  a: string;
  b: string;
  estimate: number | null;
  /** The (simultaneous, with 3+ providers) interval. */
  low: number | null;
  high: number | null;
  p: number | null;
  /** Holm-adjusted p with 3+ providers; the plain p with two. */
  p_adjusted: number | null;
  /** `estimate` as a fraction of the reference provider's mean efficiency. */
  relative: number | null;
  na: string | null;
}

export interface PrimaryResult {
  /** What was fitted, in words. */
  method: string;
  tasks: number;
  unit: string | null;
  contrasts: PrimaryContrast[];
  /** The provider ahead of every other with adjusted p < alpha; null when none is. */
  leader: string | null;
  /** The provider with the highest estimated efficiency, and those not distinguishable from it. */
  best: string | null;
  indistinguishable: string[];
  /** Why there is no primary result (too few tasks, an SE of 0, ...); null when there is one. */
  na: string | null;
}

/** No primary result, and why. */
export function describeNoPrimary(na: string, method = 'none'): PrimaryResult {
  return { method, tasks: 0, unit: null, contrasts: [], leader: null, best: null, indistinguishable: [], na };
}

/** Two providers: the AB/BA crossover's A - B (period-adjusted), decided at `alpha` two-sided. */
export function computePairPrimary(
  comparison: PairedComparison | null,
  referenceMean: number | null,
  pair: readonly [string, string],
): PrimaryResult {
  const method = 'AB/BA crossover (Grizzle: within-task difference, period-adjusted)';
  const [a, b] = pair;
  const empty = (na: string): PrimaryResult => ({
    method,
    tasks: comparison?.pairs.length ?? 0,
    unit: comparison?.pairs[0]?.a.unit ?? null,
    contrasts: [],
    leader: null,
    best: null,
    indistinguishable: [a, b],
    na,
  });
  if (!comparison || comparison.pairs.length === 0) return empty(`no task has a window with a capacity delta from both ${a} and ${b} yet`);
  const crossover = comparison.crossover;
  if (!crossover) return empty(comparison.crossover_note ?? 'the AB/BA analysis could not run');
  const t = crossover.treatment;
  const na = t.na ?? null;
  const contrast = toContrast({ a, b, estimate: t.estimate, low: t.ciLow, high: t.ciHigh, p: t.p, p_adjusted: t.p, na }, referenceMean);
  const best = contrast.estimate === null ? null : contrast.estimate >= 0 ? a : b;
  const separated = contrast.low !== null && contrast.high !== null && (contrast.low > 0 || contrast.high < 0);
  return {
    method,
    tasks: comparison.pairs.length,
    unit: comparison.pairs[0]?.a.unit ?? null,
    contrasts: [contrast],
    leader: separated ? best : null,
    best,
    indistinguishable: separated || best === null ? [] : [best === a ? b : a],
    na: na ? `the primary contrast has no interval: ${na}` : null,
  };
}

/**
 * Three or more providers: every pair from the task + period + provider (+ carryover) model, Holm-adjusted,
 * with Bonferroni simultaneous intervals. The leader is the best adjusted mean when every other provider is
 * shown to be behind it; otherwise those not distinguishable from it are named.
 */
export function computeMultiPrimary(comparison: ProviderComparison, referenceMean: number | null): PrimaryResult {
  const method = `least squares, task + period + provider${comparison.carryover.fitted ? ' + first-order carryover' : ''}, all pairs Holm-adjusted${comparison.carryover.fitted ? '' : ` (${comparison.carryover.note})`}`;
  if (comparison.na !== null)
    return { ...describeNoPrimary(comparison.na, method), tasks: comparison.subjects.used, unit: comparison.unit };
  const contrasts = comparison.contrasts.map((c) =>
    toContrast(
      { a: c.a, b: c.b, estimate: c.estimate, low: c.simultaneous_low, high: c.simultaneous_high, p: c.p, p_adjusted: c.p_holm, na: c.na },
      referenceMean,
    ),
  );
  const indistinguishable = comparison.indistinguishable_from_best;
  return {
    method,
    tasks: comparison.subjects.used,
    unit: comparison.unit,
    contrasts,
    leader: indistinguishable.length === 0 ? comparison.best : null,
    best: comparison.best,
    indistinguishable,
    na: null,
  };
}

/** Numbers that are NaN (or belong to an `na` contrast) become null, so nothing invalid is printed as a value. */
function toContrast(
  raw: { a: string; b: string; estimate: number; low: number; high: number; p: number; p_adjusted: number; na: string | null },
  referenceMean: number | null,
): PrimaryContrast {
  const { na } = raw;
  const finite = Number.isFinite(raw.estimate);
  return {
    a: raw.a,
    b: raw.b,
    estimate: finite ? raw.estimate : null,
    low: na ? null : raw.low,
    high: na ? null : raw.high,
    p: na ? null : raw.p,
    p_adjusted: na ? null : raw.p_adjusted,
    relative: referenceMean && finite ? raw.estimate / Math.abs(referenceMean) : null,
    na,
  };
}
