// Compares any number of providers over the same tasks: crossover OLS with carryover, all pairs Holm-adjusted, a verdict: pure.
import { computeScaledMean } from '../stats/scaled-moments.js';
import type { EfficiencyUnit } from '../../ledger/index.js';
import { AppError, isAppError } from '../../kernel/index.js';
import { checkAlpha } from '../stats/crossover-estimate.js';
import { analyzeWilliams, type CarryoverOption, type PairwiseContrast, type WilliamsAnalysis } from '../stats/williams-analysis.js';
import type { WindowMetrics } from './compute-window-metrics.js';
import { collectProviderObservations, type ProviderObservations } from './provider-observations.js';

/** One provider's level of efficiency. */
export interface ProviderMean {
  provider: string;
  /** Least-squares mean: the model's prediction averaged with equal weight over tasks and periods (carryover at its data mean); differences between providers are the contrasts. Null without a model. */
  adjusted_mean: number | null;
  /** Plain mean of the provider's efficiencies in the model (unadjusted for which tasks and periods it got). */
  raw_mean: number;
  /** Windows of the provider in the model. */
  observations: number;
}

/** One pair: `a - b` in efficiency, a being the provider with the higher adjusted mean. NaN statistics come with `na`. */
export interface ProviderContrast {
  a: string;
  b: string;
  /** Adjusted mean of a minus that of b (>= 0). */
  estimate: number;
  se: number;
  /** Residual degrees of freedom of the model. */
  df: number;
  t: number;
  /** Two-sided p of this comparison alone. */
  p: number;
  /** Holm-adjusted p over all pairs: the one to read (a pair differs at level alpha when p_holm < alpha). */
  p_holm: number;
  /** `1 - alpha` interval of this comparison alone. */
  ci_low: number;
  ci_high: number;
  /** Bonferroni simultaneous `1 - alpha` interval: all pairs' intervals hold together with probability >= 1 - alpha. */
  simultaneous_low: number;
  simultaneous_high: number;
  /** Why there is no SE, p or interval (e.g. no residual variation), else null. */
  na: string | null;
}

/** The comparison of all providers, for the report. */
export interface ProviderComparison {
  /** Fixed-effects OLS of efficiency on task + period + provider (+ carryover when fitted); null when no model could be fitted. */
  method: WilliamsAnalysis['method'] | null;
  /** Efficiency unit compared (quality per % of the 5h window, per 1M tokens or per dollar). */
  unit: EfficiencyUnit | null;
  alpha: number;
  /** Providers in the model, best adjusted mean first. */
  providers: ProviderMean[];
  /** Tasks: used (2+ outcomes), complete (every provider), incomplete (used, with some provider missing; OLS still uses them), dropped (under 2 outcomes). */
  subjects: ProviderObservations['subjects'];
  /** Windows: used, and left out for no task, no efficiency, another unit, or a provider's repeat on a task. */
  windows: ProviderObservations['windows'];
  /** Outcomes in the fitted model (some may be left out of a carryover fit; see carryover.left_out). */
  observations: number;
  /** Residual degrees of freedom; null without a model. */
  df: number | null;
  residual_sd: number | null;
  /** Williams (balanced for carryover), Williams sequences unequally used (e.g. dropouts), or other. */
  design: WilliamsAnalysis['design'] | null;
  carryover: {
    /** Whether the model has first-order carryover terms (the previous period's provider). */
    fitted: boolean;
    /** Why (not), in plain words, and what the contrasts rely on when it is not fitted. */
    note: string;
    /** Carryover of `provider` minus that of `reference`; not multiplicity-adjusted (a diagnostic). */
    estimates: {
      provider: string;
      reference: string;
      estimate: number;
      se: number;
      p: number;
      ci_low: number;
      ci_high: number;
      na: string | null;
    }[];
    /** Outcomes left out of the carryover fit because the window before them is unknown. */
    left_out: number;
  };
  /** Every pair once, ordered by a's then b's rank. */
  contrasts: ProviderContrast[];
  /** Provider with the highest adjusted mean; null without a model. */
  best: string | null;
  /** Providers whose contrast with the best has p_holm >= alpha, or no test (na): not shown to be behind it. */
  indistinguishable_from_best: string[];
  /** One line for the reader: who is ahead of whom, with Holm-adjusted p. */
  summary: string;
  /** Why there is no comparison (fewer than 2 providers, no residual df, effects not separable), else null. */
  na: string | null;
}

export interface CompareProvidersOptions {
  alpha?: number;
  /** Only these providers (at least 2); default every provider with outcomes. */
  providers?: readonly string[];
  /** Default 'auto': carryover when the data can estimate it. */
  carryover?: CarryoverOption;
  /** Default: the unit of most windows with an efficiency. */
  unit?: EfficiencyUnit;
}

/**
 * Fits y = task + period + provider (+ carryover) over the windows (stats/williams-analysis.ts) and turns it
 * into a verdict: the best adjusted mean, and the providers a Holm-adjusted test cannot tell from it.
 * Never throws for too little data: `na` says what is missing.
 */
export function compareProviders(windows: readonly WindowMetrics[], options: CompareProvidersOptions = {}): ProviderComparison {
  const alpha = checkAlpha(options.alpha ?? 0.05);
  if (options.providers && new Set(options.providers).size < 2)
    throw new AppError('BAD_USAGE', `name at least 2 providers to compare, got ${options.providers.join(', ') || 'none'}`, {
      where: '--providers',
    });
  const collected = collectProviderObservations(windows, options);
  const base = {
    unit: collected.unit,
    alpha,
    subjects: collected.subjects,
    windows: collected.windows,
    observations: collected.observations.length,
  };
  if (collected.providers.length < 2)
    return describeMissing(
      base,
      collected,
      `no task has efficiencies (in ${collected.unit ?? 'any unit'}) from two providers${options.providers ? ` among ${options.providers.join(', ')}` : ''}`,
    );
  let analysis: WilliamsAnalysis;
  try {
    analysis = analyzeWilliams(collected.observations, { alpha, carryover: options.carryover ?? 'auto' });
  } catch (error) {
    if (isAppError(error) && error.code === 'BAD_INPUT') return describeMissing(base, collected, error.message);
    throw error;
  }
  const providers = analysis.means
    .map(({ treatment, lsMean }) => ({ ...describeRaw(collected, treatment), adjusted_mean: lsMean }))
    .sort((x, y) => y.adjusted_mean - x.adjusted_mean || x.provider.localeCompare(y.provider));
  const rank = (provider: string): number => providers.findIndex((p) => p.provider === provider);
  const contrasts = analysis.pairwise
    .map((c) => orient(c, rank(c.a) > rank(c.b)))
    .sort((x, y) => rank(x.a) - rank(y.a) || rank(x.b) - rank(y.b));
  const best = providers[0]?.provider as string;
  const versusBest = contrasts.filter((c) => c.a === best);
  return {
    ...base,
    method: analysis.method,
    observations: analysis.observations,
    providers,
    df: analysis.df,
    residual_sd: analysis.residualSd,
    design: analysis.design,
    carryover: {
      fitted: analysis.carryover.fitted,
      note: analysis.carryover.note,
      estimates: analysis.carryover.estimates.map((c) => ({
        provider: c.treatment,
        reference: c.reference,
        estimate: c.estimate,
        se: c.se,
        p: c.p,
        ci_low: c.ciLow,
        ci_high: c.ciHigh,
        na: c.na ?? null,
      })),
      left_out: analysis.carryover.leftOut,
    },
    contrasts,
    best,
    indistinguishable_from_best: versusBest.filter((c) => c.na !== null || c.p_holm >= alpha).map((c) => c.b),
    summary: summarize(best, versusBest, alpha, analysis.carryover.fitted),
    na: null,
  };
}

/** The contrast as `a - b`, or turned around to `b - a` (sign, t and intervals flipped; p unchanged). */
function orient(c: PairwiseContrast, flip: boolean): ProviderContrast {
  const s = flip ? -1 : 1;
  const [ciLow, ciHigh] = flip ? [-c.ciHigh, -c.ciLow] : [c.ciLow, c.ciHigh];
  const [simLow, simHigh] = flip ? [-c.simultaneousHigh, -c.simultaneousLow] : [c.simultaneousLow, c.simultaneousHigh];
  return {
    a: flip ? c.b : c.a,
    b: flip ? c.a : c.b,
    estimate: s * c.estimate,
    se: c.se,
    df: c.df,
    t: s * c.t,
    p: c.p,
    p_holm: c.pHolm,
    ci_low: ciLow,
    ci_high: ciHigh,
    simultaneous_low: simLow,
    simultaneous_high: simHigh,
    na: c.na ?? null,
  };
}

/** "a is ahead of b and c (Holm-adjusted p 0.003, 0.01); d cannot be told apart from a (Holm-adjusted p 0.41)." */
function summarize(best: string, versusBest: ProviderContrast[], alpha: number, carryover: boolean): string {
  const ahead = versusBest.filter((c) => c.na === null && c.p_holm < alpha);
  const close = versusBest.filter((c) => c.na === null && c.p_holm >= alpha);
  const untestable = versusBest.filter((c) => c.na !== null);
  const parts = [
    ahead.length > 0
      ? `${best} is ahead of ${listNames(ahead.map((c) => c.b))} (Holm-adjusted p ${ahead.map((c) => formatP(c.p_holm)).join(', ')})`
      : `${best} has the highest adjusted mean but is not shown ahead of any other provider`,
    ...(close.length > 0
      ? [
          `${listNames(close.map((c) => c.b))} cannot be told apart from ${best} (Holm-adjusted p ${close.map((c) => formatP(c.p_holm)).join(', ')})`,
        ]
      : []),
    ...(untestable.length > 0 ? [`${listNames(untestable.map((c) => c.b))} cannot be tested against ${best} (${untestable[0]?.na})`] : []),
  ];
  return `${parts.join('; ')} (alpha ${alpha}; ${carryover ? 'carryover in the model' : 'no carryover term, see the carryover note'}).`;
}

/** The provider's plain mean and count of outcomes in the model. */
function describeRaw(collected: ProviderObservations, provider: string): Omit<ProviderMean, 'adjusted_mean'> {
  const ys = collected.observations.filter((o) => o.treatment === provider).map((o) => o.y);
  return { provider, raw_mean: computeScaledMean(ys), observations: ys.length };
}

function describeMissing(
  base: Pick<ProviderComparison, 'unit' | 'alpha' | 'subjects' | 'windows' | 'observations'>,
  collected: ProviderObservations,
  reason: string,
): ProviderComparison {
  return {
    ...base,
    method: null,
    providers: collected.providers.map((provider) => ({ ...describeRaw(collected, provider), adjusted_mean: null })),
    df: null,
    residual_sd: null,
    design: null,
    carryover: { fitted: false, note: 'no model was fitted', estimates: [], left_out: 0 },
    contrasts: [],
    best: null,
    indistinguishable_from_best: [],
    summary: `No comparison of providers: ${reason}.`,
    na: reason,
  };
}

function listNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Two significant digits, or "< 0.001". */
function formatP(p: number): string {
  return p < 0.001 ? '< 0.001' : String(Number(p.toPrecision(2)));
}
