// Per-window metrics: capacity delta, tokens, cost, quality, outcome, duration and efficiency: pure.
import type { CapacityUnit, EfficiencyUnit, Outcome, PricedBar, ReportWindow } from '../../ledger/index.js';
import { makeProbeWindowId } from '../../ledger/vocabulary/index.js';
import { computeEfficiency } from '../preview/build-preview.js';
import type { WindowUsage } from './summarize-window-usage.js';

export interface WindowMetrics {
  agent_id: string;
  provider: string;
  window_id: string;
  feature_id: string | null;
  unit: EfficiencyUnit | null;
  /** The unit of capacity_before/after/delta (the bars' or tokens'), whatever unit efficiency is in. */
  capacity_unit: CapacityUnit | null;
  /** % of the 5h window (or tokens for token-metered windows); null when unknown or refused (negative-delta, reset-crossed). */
  capacity_before: number | null;
  capacity_after: number | null;
  capacity_delta: number | null;
  /** Tokens used: the proxy's count for the window when it has one, else the captures' token counts. */
  tokens: number | null;
  tokens_source: 'proxy' | 'captures' | null;
  /**
   * The tokens the provider's own bars paid for: `tokens` less the sub-agent requests the proxy routed to another
   * subscription (the window's `subagent_capacity`), which the bar calibration must not count.
   */
  own_tokens?: number | null;
  cost_usd: number | null;
  /** `cost_usd` less the routed sub-agent requests' cost: the list-price dollars the provider's own bars paid for. */
  own_cost_usd?: number | null;
  /**
   * List-price dollars of the capacity probe whose charge the window's bar delta holds (its `.after` probe), which is
   * not the arm's work and not in `cost_usd`, but moved the bar: the calibration counts it (calibrate-provider.ts).
   */
  probe_cost_usd?: number | null;
  requests: number;
  quality: number;
  outcome: Outcome;
  success: boolean;
  /** From the before capture to the after capture; null without both times. */
  duration_ms: number | null;
  /** Quality per 1% of the 5h window (per 1M tokens for token-metered windows); null without a positive delta. */
  efficiency: number | null;
  /** Quality per 1M tokens, for any window whose tokens are known and positive. */
  efficiency_per_mtok: number | null;
  /** Dollars of subscription the window used (price-window-metrics.ts); null with `usd_reason` when it cannot be priced. */
  usd: number | null;
  usd_binding: PricedBar | null;
  usd_reason: string | null;
  /** Priced from the provider's bar calibrated against tokens (its bars are too coarse for one window). */
  usd_calibrated: boolean;
  plan: string | null;
  /** `within-rounding`: the window's bar delta is within one reading step of zero. */
  capacity_flags: string[];
  started_at: string | null;
  ended_at: string | null;
  completed_at: string;
  sequence: string | null;
  period: number | null;
  plan_id: string | null;
  /** Which repeat of the task's crossover (plans run with `--epochs`); null otherwise. */
  epoch?: number | null;
  errors: string[];
}

export interface WindowMetricsResult {
  windows: WindowMetrics[];
  /** Window ids shared by several windows: their telemetry cannot be attributed, so it is left out. */
  ambiguous_window_ids: string[];
}

/**
 * Joins each completed window with the proxy usage of its window_id. A window id used by several windows
 * (two agents, two providers) has its telemetry left unattributed rather than counted twice.
 */
export function computeWindowMetrics(windows: readonly ReportWindow[], usage: ReadonlyMap<string, WindowUsage>): WindowMetricsResult {
  const { attribute, uses } = createUsageAttribution(windows, usage);
  const ambiguous = [...uses.entries()]
    .filter(([id, count]) => count > 1 && usage.has(id))
    .map(([id]) => id)
    .sort();
  return {
    windows: windows.map((window) => ({
      ...toMetrics(window, attribute(window)),
      probe_cost_usd: findHeldProbe(window, usage)?.cost_usd ?? null,
    })),
    ambiguous_window_ids: ambiguous,
  };
}

/** The proxy usage each window may claim: none for a window id that several windows share. */
export function createUsageAttribution(
  windows: readonly ReportWindow[],
  usage: ReadonlyMap<string, WindowUsage>,
): { attribute: (window: ReportWindow) => WindowUsage | undefined; uses: ReadonlyMap<string, number> } {
  const uses = new Map<string, number>();
  for (const window of windows) uses.set(window.window_id, (uses.get(window.window_id) ?? 0) + 1);
  return { attribute: (window) => ((uses.get(window.window_id) ?? 0) === 1 ? usage.get(window.window_id) : undefined), uses };
}

/**
 * A window's tokens (the proxy's count when it has one, else its captures') and those its own bars paid for (less
 * the sub-agent requests routed to another subscription).
 */
export function measureWindowTokens(
  window: ReportWindow,
  usage: WindowUsage | undefined,
): Pick<WindowMetrics, 'tokens' | 'tokens_source'> & { own_tokens: number | null } {
  const unit = window.capacity?.unit ?? null;
  const captured = unit === 'tokens' ? (window.capacity?.delta ?? null) : (window.capacity?.tokens?.delta ?? null);
  const tokens = usage ? usage.tokens : captured;
  return {
    tokens,
    tokens_source: usage ? 'proxy' : captured === null ? null : 'captures',
    own_tokens:
      tokens === null || !usage || !window.subagent_capacity
        ? tokens
        : tokens - (usage.tokens_by_backend[window.subagent_capacity.provider] ?? 0),
  };
}

function toMetrics(window: ReportWindow, usage: WindowUsage | undefined): WindowMetrics {
  const unit = window.capacity?.unit ?? null;
  const delta = window.capacity?.delta ?? null;
  const { tokens, tokens_source, own_tokens } = measureWindowTokens(window, usage);
  const start = window.started_at === null ? Number.NaN : Date.parse(window.started_at);
  const end = window.ended_at === null ? Number.NaN : Date.parse(window.ended_at);
  return {
    agent_id: window.agent_id,
    provider: window.provider,
    window_id: window.window_id,
    feature_id: window.feature_id,
    unit,
    capacity_unit: unit,
    capacity_before: window.capacity?.before ?? null,
    capacity_after: window.capacity?.after ?? null,
    capacity_delta: delta,
    tokens,
    tokens_source,
    own_tokens,
    cost_usd: usage ? usage.cost_usd : null,
    own_cost_usd:
      !usage || usage.cost_usd === null
        ? null
        : window.subagent_capacity
          ? usage.cost_usd - (usage.cost_by_backend[window.subagent_capacity.provider] ?? 0)
          : usage.cost_usd,
    requests: usage?.requests ?? 0,
    quality: window.quality,
    outcome: window.outcome,
    success: window.outcome === 'success',
    duration_ms: Number.isFinite(start) && Number.isFinite(end) && end >= start ? end - start : null,
    efficiency: computeEfficiency(window.quality, unit, delta),
    efficiency_per_mtok: tokens !== null && tokens > 0 ? window.quality / (tokens / 1_000_000) : null,
    usd: null,
    usd_binding: null,
    usd_reason: 'not priced',
    usd_calibrated: false,
    plan: window.subscription?.plan ?? null,
    capacity_flags: [],
    started_at: window.started_at,
    ended_at: window.ended_at,
    completed_at: window.completed_at,
    sequence: window.sequence ?? null,
    period: window.period ?? null,
    plan_id: window.plan_id ?? null,
    epoch: window.epoch ?? null,
    errors: window.errors,
  };
}

/**
 * The capacity probe a window's bar delta holds, counted as its after probe's use: its dollars go to the calibration
 * (not the arm's cost), its tokens to the limit changes. A probe reads the bars from the headers of its own answer:
 * where they count the request that carries them (the scripted server charges before it answers:
 * model-server/solver/create-solver.ts), the before reading holds the before probe and the after reading the after
 * probe, so the delta holds the after probe; where they do not, it holds the before probe instead, a request of the
 * same size. Either way one probe, counted as this one.
 */
export function findHeldProbe(window: Pick<ReportWindow, 'window_id'>, usage: ReadonlyMap<string, WindowUsage>): WindowUsage | undefined {
  return usage.get(makeProbeWindowId(window.window_id, 'after'));
}
