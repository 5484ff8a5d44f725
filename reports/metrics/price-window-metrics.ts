// Prices each window in dollars of subscription: what it used (list-price dollars) times its plan's calibrated dollars per list dollar (pure).
import { priceWindow } from '../../budget/plans/index.js';
import type { EfficiencyUnit, ReportWindow } from '../../ledger/index.js';
import { addSubagentPrice, calibrateProvider, type ProviderCalibration, type PricingSample } from './calibrate-provider.js';
import type { WindowMetrics } from './compute-window-metrics.js';
import { mapRealAccounts } from './map-real-accounts.js';

export type { ProviderCalibration } from './calibrate-provider.js';

export interface PricedWindows {
  windows: WindowMetrics[];
  /** `usd` unless bars were asked for, or a window with capacity has no plan to price it by (then the bars' own unit). */
  unit: 'usd' | 'bars';
  /** Why the report is not in dollars, when it is not. */
  unit_reason: string | null;
  calibrations: ProviderCalibration[];
  /** The plan's own windows' calibration of each provider priced from every reading instead (to compare with it). */
  replaced: ProviderCalibration[];
}

/**
 * An arm's dollars come from what it used: the list-price dollars of its own requests (the proxy's token counts by
 * kind, each kind weighted as the provider prices it: budget/prices) times its plan's dollars of subscription per
 * list dollar, calibrated on the bar that binds from every window of the provider (calibrate-provider.ts). A bar
 * that did not move makes that provider's price unknown (`usd` null, with the reason and what to do), never $0.
 * A window without the proxy's cost falls back to its own bar delta when the bar is fine enough to price one window.
 * `prefer` 'bars' keeps % of the 5h window (or tokens) instead. `given`: prices calibrated from every reading of
 * the plan (calibrate-everyday.ts), each used in place of the windows' for a provider on the same plan.
 */
export function priceWindowMetrics(
  metrics: readonly WindowMetrics[],
  sources: readonly ReportWindow[],
  prefer: 'usd' | 'bars',
  confidence: number,
  given?: ReadonlyMap<string, ProviderCalibration>,
): PricedWindows {
  const matched = matchSources(metrics, sources);
  const calibrations = calibrateProviders(metrics, matched, confidence);
  // A price from every reading replaces the windows' for a provider on the same plan, when it is known.
  const replaced: ProviderCalibration[] = [];
  for (const [provider, calibration] of given ?? []) {
    const own = calibrations.get(provider);
    if (!own || own.plan !== calibration.plan || calibration.usd_per_list_usd === null) continue;
    replaced.push(own);
    calibrations.set(provider, calibration);
  }
  const priced = metrics.map((window, index) => priceOne(window, matched[index], calibrations.get(window.provider)));
  const withCapacity = priced.filter((window) => window.capacity_delta !== null || window.usd !== null || window.own_cost_usd != null);
  const planless = withCapacity.filter((window) => window.usd === null && window.usd_reason === NO_PLAN);
  if (prefer === 'bars' || withCapacity.length === 0 || planless.length > 0) {
    // Windows without a plan are the reason first: a run pre-registers bars for them (experiment run's note).
    const reason =
      planless.length > 0
        ? `${planless.length} window(s) have no plan to price them by (${planless[0]?.provider}, e.g. ${planless[0]?.window_id}: pass --plan)`
        : prefer === 'bars'
          ? 'bars asked for (--unit bars, or the plan registered --estimand bars)'
          : 'no window has capacity';
    return { windows: priced, unit: 'bars', unit_reason: reason, calibrations: [...calibrations.values()], replaced };
  }
  const inUsd = priced.map(
    (window): WindowMetrics => ({
      ...window,
      unit: 'usd' as EfficiencyUnit,
      efficiency: window.usd !== null && window.usd > 0 ? window.quality / window.usd : null,
    }),
  );
  return { windows: inUsd, unit: 'usd', unit_reason: null, calibrations: [...calibrations.values()], replaced };
}

const NO_PLAN = 'no plan recorded for the window';

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

/**
 * One calibration per provider with a plan, from its windows in the order they started. The providers that spend one
 * account (mapRealAccounts: a portfolio's first member's, a real `claude+glm`'s Claude) share one when all their
 * windows name one plan: each bar's moves over all the use that moved them, not a price per arm of one account that
 * disagree by their windows' rounding (in a failover run the plain arm and the portfolio each moved one weekly bar).
 */
function calibrateProviders(
  metrics: readonly WindowMetrics[],
  sources: readonly (ReportWindow | undefined)[],
  confidence: number,
): Map<string, ProviderCalibration> {
  const byProvider = new Map<string, PricingSample[]>();
  const priced: ReportWindow[] = [];
  for (const [index, window] of metrics.entries()) {
    const source = sources[index];
    if (!source?.subscription || source.capacity?.unit === 'tokens') continue;
    const samples = byProvider.get(window.provider) ?? [];
    samples.push({ window, capacity: source.capacity ?? null, subscription: source.subscription });
    byProvider.set(window.provider, samples);
    priced.push(source);
  }
  const accounts = mapRealAccounts(priced, []);
  const byAccount = new Map<string, string[]>();
  for (const provider of byProvider.keys()) {
    const account = accounts.get(provider) ?? provider;
    byAccount.set(account, [...(byAccount.get(account) ?? []), provider]);
  }
  const ordered = (samples: readonly PricingSample[]) => [...samples].sort((x, y) => startOf(x.window).localeCompare(startOf(y.window)));
  const result = new Map<string, ProviderCalibration>();
  for (const [account, providers] of byAccount) {
    const samples = providers.flatMap((provider) => byProvider.get(provider) ?? []);
    const joined = providers.length > 1 && new Set(samples.map((sample) => sample.subscription.plan)).size === 1;
    const shared = joined ? calibrateProvider(account, ordered(samples), confidence) : null;
    for (const provider of providers)
      result.set(
        provider,
        shared ? { ...shared, provider } : calibrateProvider(provider, ordered(byProvider.get(provider) ?? []), confidence),
      );
  }
  return result;
}

function startOf(window: WindowMetrics): string {
  return window.started_at ?? window.completed_at;
}

function priceOne(window: WindowMetrics, source: ReportWindow | undefined, calibration: ProviderCalibration | undefined): WindowMetrics {
  const capacity = source?.capacity ?? null;
  const unpriced = { usd_binding: null, usd_calibrated: false, capacity_flags: [] };
  // A token-metered provider (an API key, no plan) costs what its tokens cost at list prices: the proxy's cost
  // for the window (budget/prices), so it compares with a subscription on the same dollar scale.
  if (capacity?.unit === 'tokens' && !source?.subscription)
    return window.cost_usd !== null && window.cost_usd > 0
      ? { ...window, ...unpriced, usd: window.cost_usd, usd_reason: null, plan: 'api-list-price' }
      : {
          ...window,
          ...unpriced,
          usd: null,
          usd_reason: "token-metered with no proxy cost for the window (list prices need the proxy's token counts)",
          plan: null,
        };
  if (!source?.subscription) return { ...window, ...unpriced, usd: null, usd_reason: NO_PLAN, plan: null };
  const plan = source.subscription.plan;
  const own = window.own_cost_usd ?? null;
  if (own !== null && calibration) {
    const rate = calibration.usd_per_list_usd;
    if (rate === null) return { ...window, ...unpriced, usd: null, usd_reason: calibration.unknown_reason, plan };
    const price = addSubagentPrice(own * rate.estimate, source.subagent_capacity, (window.cost_usd ?? own) - own);
    return {
      ...window,
      usd: price.usd,
      usd_binding: rate.binding,
      usd_reason: price.usd === null ? price.reason : null,
      usd_calibrated: true,
      plan,
      capacity_flags: [],
    };
  }
  // No proxy cost (a manual capture): the window's own bar delta, when the bar is fine enough to tell one window's use.
  const coarse = calibration?.five_hour?.coarse === true || calibration?.weekly?.coarse === true || calibration?.daily?.coarse === true;
  if (coarse)
    return {
      ...window,
      ...unpriced,
      usd: null,
      usd_reason: `no proxy cost for the window, and ${window.provider}'s bars are too coarse to price one window by its own delta`,
      plan,
    };
  const bars = { five_hour: capacity?.unit === 'pct_5h' ? (capacity.delta ?? null) : null, weekly: capacity?.weekly?.delta ?? null };
  const barPrice = priceWindow(source.subscription, bars);
  const price = barPrice.usd === null ? barPrice : addSubagentPrice(barPrice.usd, source.subagent_capacity);
  return {
    ...window,
    usd: price.usd,
    usd_binding: barPrice.usd === null ? null : barPrice.binding,
    usd_reason: price.usd === null ? price.reason : null,
    usd_calibrated: false,
    plan,
    capacity_flags: [],
  };
}
