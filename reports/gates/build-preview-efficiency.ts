// The preview's efficiency block: the windows priced as the report prices them, in one unit, with power against one baseline: pure.
import type { PriceTable } from '../../budget/prices/index.js';
import type { AnalysisPlanRow, ProviderSummary, ReportWindow } from '../../ledger/index.js';
import { ANALYSIS_DEFAULTS } from '../../ledger/schemas/index.js';
import { computeWindowMetrics, type WindowMetrics } from '../metrics/compute-window-metrics.js';
import { priceWindowMetrics } from '../metrics/price-window-metrics.js';
import { summarizeWindowUsage, type TelemetryUsageRow } from '../metrics/summarize-window-usage.js';
import type { BaselineSource, EfficiencyBasis, PreviewUnit } from '../preview/efficiency-basis.js';
import { countProviderPairs, summarizeGateFields } from './summarize-gate-fields.js';

export interface PreviewEfficiencyInput {
  /** Every completed window of the data dir: pricing calibrates coarse bars on all of a provider's windows, as the report does. */
  windows: readonly ReportWindow[];
  /** Proxy rows: their token counts price coarse bars (as in the report). */
  telemetry: Iterable<TelemetryUsageRow>;
  plans: readonly AnalysisPlanRow[];
  prices: PriceTable;
  /** Asked for; default the plan's estimand, else `usd` (falling back to bars, with the reason, when a window has no price). */
  unit?: PreviewUnit | undefined;
  baseline?: string | undefined;
  /** Scope to this plan's windows; default: the plan every window belongs to, when there is one. */
  planId?: string | undefined;
  agentId?: string | undefined;
}

export interface PreviewEfficiency extends EfficiencyBasis {
  providers: ProviderSummary[];
}

/**
 * The windows are measured and priced over the whole data dir exactly as the report does (computeWindowMetrics,
 * priceWindowMetrics at confidence 1 - alpha), then narrowed to the plan (and agent). A plan's settings apply
 * when the preview is scoped to a registered plan: its estimand, alpha, min_effect, its reference as the
 * baseline, its k providers for k(k-1)/2 pairs. Otherwise alpha 0.05, a 20% difference, and the baseline is
 * `baseline` or the first provider by name.
 */
export function buildPreviewEfficiency(input: PreviewEfficiencyInput): PreviewEfficiency {
  const plan = choosePlan(input);
  const planId = input.planId ?? plan?.plan_id ?? null;
  const alpha = plan?.alpha ?? ANALYSIS_DEFAULTS.alpha;
  const minEffect = plan?.min_effect ?? ANALYSIS_DEFAULTS.min_effect;
  const asked: PreviewUnit = input.unit ?? plan?.estimand ?? 'usd';
  const measured = computeWindowMetrics(input.windows, summarizeWindowUsage(input.telemetry, input.prices)).windows;
  const priced = priceWindowMetrics(measured, input.windows, asked === 'usd' ? 'usd' : 'bars', 1 - alpha);
  const unit: PreviewUnit = asked === 'tokens' ? 'tokens' : priced.unit;
  const inUnit = asked === 'tokens' ? priced.windows.map(perMillionTokens) : priced.windows;
  const scoped = inUnit.filter(
    (window) => (planId === null || window.plan_id === planId) && (input.agentId === undefined || window.agent_id === input.agentId),
  );
  const providers = [...new Set(scoped.map((window) => window.provider))].sort();
  const [baseline, source] = chooseBaseline(input.baseline, plan, providers);
  const pairs = countProviderPairs(plan ? plan.providers.length : providers.length);
  return {
    unit,
    // A plan's registered bars still say why (its windows have no plan); bars or tokens asked for need no reason.
    unit_reason: input.unit === undefined || input.unit === 'usd' ? priced.unit_reason : null,
    plan_id: planId,
    baseline,
    baseline_source: source,
    alpha,
    min_effect: minEffect,
    pairs,
    providers: summarizeGateFields(scoped, { baseline, alpha, minEffect, pairs }),
  };
}

/** The plan named, else the registered plan every plan-run window belongs to (when windows outside any plan are absent too). */
function choosePlan(input: PreviewEfficiencyInput): AnalysisPlanRow | null {
  const ids = new Set(
    input.windows.filter((w) => input.agentId === undefined || w.agent_id === input.agentId).map((w) => w.plan_id ?? null),
  );
  const id = input.planId ?? (ids.size === 1 ? [...ids][0] : null);
  if (id === null || id === undefined) return null;
  // The first registration of the plan, as the report reads it (resolve-analysis-plan.ts).
  return input.plans.find((row) => row.plan_id === id) ?? null;
}

function chooseBaseline(
  asked: string | undefined,
  plan: AnalysisPlanRow | null,
  providers: readonly string[],
): [string | null, BaselineSource | null] {
  if (asked !== undefined) return [asked, 'flag'];
  if (plan) return [plan.reference ?? (plan.providers[0] as string), 'plan-reference'];
  const first = providers[0];
  return first === undefined ? [null, null] : [first, 'first-by-name'];
}

/** Quality per 1M tokens for every window whose tokens are known: `--unit tokens`. */
function perMillionTokens(window: WindowMetrics): WindowMetrics {
  return { ...window, unit: 'tokens', efficiency: window.efficiency_per_mtok };
}
