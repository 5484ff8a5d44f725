// The fields G1 reads from a recorded preview: quality against the baseline and the power to see a relevant difference.
import type { ProviderSummary } from '../../ledger/index.js';
import { ANALYSIS_DEFAULTS } from '../../ledger/schemas/index.js';
import { computePower } from '../stats/power.js';

export interface GateBasis {
  baseline: string | null;
  /** The smallest efficiency difference worth detecting, as a fraction of the baseline's mean efficiency. */
  min_effect: number;
  alpha: number;
}

export const DEFAULT_MIN_EFFECT = ANALYSIS_DEFAULTS.min_effect;
export const DEFAULT_ALPHA = ANALYSIS_DEFAULTS.alpha;

/**
 * The baseline provider: the requested one, else `claude` when it has windows (seed 001 compares against the
 * Claude/Codex seats), else the provider with the most windows (ties by name); null without providers.
 */
export function chooseBaseline(providers: readonly { provider: string; windows: number }[], requested?: string): string | null {
  if (requested) return requested;
  if (providers.some((summary) => summary.provider === 'claude' && summary.windows > 0)) return 'claude';
  const ranked = [...providers].sort((a, b) => b.windows - a.windows || a.provider.localeCompare(b.provider));
  return ranked[0]?.provider ?? null;
}

/**
 * Superseded by summarizeGateFields (pair power on the tasks both ran, one baseline): kept only while the report's
 * "if a preview were recorded now" table still calls it (issue 32). Adds `quality_ratio` and `power` to each provider summary. quality_ratio = mean quality / the baseline's
 * (over all its units' windows). power: a two-sided two-sample t test (alpha) between the provider and the
 * baseline in the same unit, n = the smaller of the two n, pooled SD, for a true difference of
 * `min_effect` x |baseline mean efficiency|; the baseline itself is compared with the other provider of
 * its unit that has the largest n. null when a side has n < 2 or no SD.
 */
export function addGateFields(
  providers: readonly ProviderSummary[],
  options: { baseline?: string; minEffect?: number; alpha?: number } = {},
): { providers: ProviderSummary[]; gate_basis: GateBasis } {
  const basis: GateBasis = {
    baseline: chooseBaseline(providers, options.baseline),
    min_effect: options.minEffect ?? DEFAULT_MIN_EFFECT,
    alpha: options.alpha ?? DEFAULT_ALPHA,
  };
  const baselineQuality = meanQualityOf(providers, basis.baseline);
  const annotated = providers.map((summary): ProviderSummary => {
    const quality = summary.mean_quality ?? null;
    const ratio = quality === null || baselineQuality === null || baselineQuality <= 0 ? null : quality / baselineQuality;
    return { ...summary, quality_ratio: ratio, power: computeGatePower(summary, providers, basis) };
  });
  return { providers: annotated, gate_basis: basis };
}

function computeGatePower(summary: ProviderSummary, providers: readonly ProviderSummary[], basis: GateBasis): number | null {
  const sameUnit = providers.filter((other) => other.unit === summary.unit);
  const base = sameUnit.find((other) => other.provider === basis.baseline);
  if (!base) return null;
  const other =
    summary.provider === base.provider ? [...sameUnit].filter((p) => p.provider !== base.provider).sort((a, b) => b.n - a.n)[0] : summary;
  if (!other || base.mean_efficiency === null) return null;
  return computeTwoSamplePower(other, base, Math.abs(base.mean_efficiency) * basis.min_effect, basis.alpha);
}

/** Power of the two-sample t test to detect `difference` (in efficiency units) between two summaries. */
export function computeTwoSamplePower(
  x: Pick<ProviderSummary, 'n' | 'sd_efficiency'>,
  y: Pick<ProviderSummary, 'n' | 'sd_efficiency'>,
  difference: number,
  alpha: number,
): number | null {
  const n = Math.min(x.n, y.n);
  const sx = x.sd_efficiency ?? null;
  const sy = y.sd_efficiency ?? null;
  if (n < 2 || sx === null || sy === null || !(difference > 0)) return null;
  const pooled = Math.sqrt(((x.n - 1) * sx * sx + (y.n - 1) * sy * sy) / (x.n + y.n - 2));
  if (pooled === 0) return 1;
  return computePower({ design: 'two-sample', effect: difference / pooled, n, alpha }).power;
}

function meanQualityOf(providers: readonly ProviderSummary[], baseline: string | null): number | null {
  let sum = 0;
  let windows = 0;
  for (const summary of providers) {
    if (summary.provider !== baseline || summary.mean_quality === null || summary.mean_quality === undefined) continue;
    sum += summary.mean_quality * summary.windows;
    windows += summary.windows;
  }
  return windows === 0 ? null : sum / windows;
}
