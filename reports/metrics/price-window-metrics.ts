// Prices each window in dollars of subscription (calibrated where the bars are coarse) and sets the efficiency unit: pure.
import { priceWindow, type WindowPrice } from '../../budget/plans/index.js';
import type { EfficiencyUnit, ReportWindow, SubagentCapacity } from '../../ledger/index.js';
import { calibrateBar, type BarCalibration, type BarSample } from './calibrate-bars.js';
import type { WindowMetrics } from './compute-window-metrics.js';

export interface ProviderCalibration {
  provider: string;
  five_hour: BarCalibration | null;
  weekly: BarCalibration | null;
}

export interface PricedWindows {
  windows: WindowMetrics[];
  /** The unit efficiency is in: `usd` when every window with capacity has a price, else the bars' own unit. */
  unit: 'usd' | 'bars';
  /** Why the report is not in dollars, when it is not. */
  unit_reason: string | null;
  calibrations: ProviderCalibration[];
}

/** `prefer` 'usd' (the default) prices when it can; 'bars' keeps % of the 5h window (or tokens). */
export function priceWindowMetrics(
  metrics: readonly WindowMetrics[],
  sources: readonly ReportWindow[],
  prefer: 'usd' | 'bars',
  confidence: number,
): PricedWindows {
  const matched = matchSources(metrics, sources);
  const calibrations = calibrateProviders(metrics, matched, confidence);
  const priced = metrics.map((window, index) => priceOne(window, matched[index], calibrations.get(window.provider) ?? null));
  const withCapacity = priced.filter((window) => window.capacity_delta !== null || window.usd !== null);
  const missing = withCapacity.filter((window) => window.usd === null);
  if (prefer === 'bars' || withCapacity.length === 0 || missing.length > 0) {
    const reason =
      prefer === 'bars'
        ? 'asked for bars (--unit bars)'
        : withCapacity.length === 0
          ? 'no window has capacity'
          : `${missing.length} window(s) cannot be priced (${missing[0]?.usd_reason ?? 'no plan'}, e.g. ${missing[0]?.window_id})`;
    return { windows: priced, unit: 'bars', unit_reason: reason, calibrations: [...calibrations.values()] };
  }
  const inUsd = priced.map(
    (window): WindowMetrics => ({
      ...window,
      unit: 'usd' as EfficiencyUnit,
      efficiency: window.usd !== null && window.usd > 0 ? window.quality / window.usd : null,
    }),
  );
  return { windows: inUsd, unit: 'usd', unit_reason: null, calibrations: [...calibrations.values()] };
}

/**
 * Each window's source (the last one with its agent, provider and window id), looked up once per window.
 * Nested maps rather than one joined key: a joined key is a new string to hash for every window, and
 * over 460,000 windows that showed as 1.6 s of the report's profile.
 */
function matchSources(metrics: readonly WindowMetrics[], sources: readonly ReportWindow[]): (ReportWindow | undefined)[] {
  const index = new Map<string, Map<string, Map<string, ReportWindow>>>();
  for (const window of sources) {
    let byProvider = index.get(window.agent_id);
    if (!byProvider) index.set(window.agent_id, (byProvider = new Map()));
    let byWindow = byProvider.get(window.provider);
    if (!byWindow) byProvider.set(window.provider, (byWindow = new Map()));
    byWindow.set(window.window_id, window);
  }
  return metrics.map((window) => index.get(window.agent_id)?.get(window.provider)?.get(window.window_id));
}

function calibrateProviders(
  metrics: readonly WindowMetrics[],
  sources: readonly (ReportWindow | undefined)[],
  confidence: number,
): Map<string, ProviderCalibration> {
  const samples = new Map<string, { five_hour: BarSample[]; weekly: BarSample[] }>();
  for (const [index, window] of metrics.entries()) {
    const capacity = sources[index]?.capacity;
    // The bar paid only for the provider's own requests, never for sub-agent work routed to another subscription.
    const tokens = window.own_tokens ?? window.tokens;
    if (!capacity || tokens === null || tokens <= 0) continue;
    let entry = samples.get(window.provider);
    if (!entry) samples.set(window.provider, (entry = { five_hour: [], weekly: [] }));
    if (capacity.unit === 'pct_5h' && capacity.delta !== null && capacity.before !== null && capacity.after !== null)
      entry.five_hour.push({ delta: capacity.delta, before: capacity.before, after: capacity.after, tokens });
    if (capacity.weekly && capacity.weekly.delta !== null)
      entry.weekly.push({
        delta: capacity.weekly.delta,
        before: capacity.weekly.before,
        after: capacity.weekly.after,
        tokens,
      });
  }
  const result = new Map<string, ProviderCalibration>();
  for (const [provider, entry] of samples)
    result.set(provider, {
      provider,
      five_hour: calibrateBar(entry.five_hour, confidence),
      weekly: calibrateBar(entry.weekly, confidence),
    });
  return result;
}

function priceOne(window: WindowMetrics, source: ReportWindow | undefined, calibration: ProviderCalibration | null): WindowMetrics {
  const capacity = source?.capacity ?? null;
  // A token-metered provider (an API key, no plan) costs what its tokens cost at list prices: the proxy's cost
  // for the window (budget/prices), so it compares with a subscription on the same dollar scale (issue 32).
  if (capacity?.unit === 'tokens' && !source?.subscription)
    return window.cost_usd !== null && window.cost_usd > 0
      ? {
          ...window,
          usd: window.cost_usd,
          usd_binding: null,
          usd_reason: null,
          usd_calibrated: false,
          plan: 'api-list-price',
          capacity_flags: [],
        }
      : {
          ...window,
          usd: null,
          usd_binding: null,
          usd_reason: "token-metered with no proxy cost for the window (list prices need the proxy's token counts)",
          usd_calibrated: false,
          plan: null,
          capacity_flags: [],
        };
  const flags: string[] = [];
  const pick = (raw: number | null, bar: BarCalibration | null | undefined): number | null => {
    if (raw === null) return null;
    const tokens = window.own_tokens ?? window.tokens;
    if (!bar?.coarse || tokens === null) return raw;
    // Within one reading step of zero: the bar cannot tell this window's use apart from none.
    if (raw <= bar.step) flags.push('within-rounding');
    return tokens * bar.pct_per_token;
  };
  const fiveHour = capacity?.unit === 'pct_5h' ? pick(capacity.delta, calibration?.five_hour) : null;
  const weekly = capacity?.weekly ? pick(capacity.weekly.delta, calibration?.weekly) : null;
  const calibrated =
    (capacity?.unit === 'pct_5h' && calibration?.five_hour?.coarse === true) ||
    (capacity?.weekly !== undefined && calibration?.weekly?.coarse === true);
  const own = priceWindow(source?.subscription ?? null, { five_hour: fiveHour, weekly });
  const price = addSubagentPrice(own, source?.subagent_capacity);
  return {
    ...window,
    usd: price.usd,
    usd_binding: own.usd === null ? null : own.binding,
    usd_reason: price.usd === null ? price.reason : null,
    usd_calibrated: price.usd !== null && calibrated,
    plan: source?.subscription?.plan ?? null,
    capacity_flags: [...new Set(flags)],
  };
}

/** The second subscription's share (sub-agent requests routed to it), added to the window's own; unpriceable makes the whole n/a. */
function addSubagentPrice(
  own: WindowPrice,
  sub: SubagentCapacity | undefined,
): { usd: number; reason?: undefined } | { usd: null; reason: string } {
  if (own.usd === null) return own;
  if (!sub) return { usd: own.usd };
  const price = priceWindow(sub.subscription ?? null, { five_hour: sub.five_hour?.delta ?? null, weekly: sub.weekly?.delta ?? null });
  if (price.usd === null)
    return { usd: null, reason: `its sub-agent requests' share on ${sub.provider} cannot be priced (${price.reason})` };
  return { usd: own.usd + price.usd };
}
