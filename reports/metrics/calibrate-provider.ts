// A provider's dollars of subscription per list-price dollar: each bar calibrated on its windows, the binding one taken, with its interval (pure).
import jStat from 'jstat';
import { priceOnePercent, priceWindow } from '../../budget/plans/index.js';
import type { Capacity, SubagentCapacity, WindowSubscription } from '../../ledger/index.js';
import { BAR_KINDS, PRICED_BARS, type PricedBar } from '../../ledger/schemas/index.js';
import { calibrateBar, type BarCalibration, type BarSample } from './calibrate-bars.js';
import type { WindowMetrics } from './compute-window-metrics.js';

export interface PricingSample {
  window: WindowMetrics;
  capacity: Capacity | null;
  subscription: WindowSubscription;
}

export interface ListPriceRate {
  /** Dollars of subscription one list-price dollar of the provider's own requests costs. */
  estimate: number;
  low: number;
  high: number;
  /** The bar whose price is the higher: a plan used steadily runs out on it first. */
  binding: PricedBar;
  /** SD of ln(estimate) implied by [low, high] at the calibration's confidence: what widens every comparison with it. */
  log_se: number;
}

/** Each priced bar's samples; a bar the provider does not have is absent or empty. */
export type BarSamples = Partial<Record<PricedBar, readonly BarSample[]>>;

export interface ProviderCalibration {
  provider: string;
  plan: string;
  usd_per_month: number;
  /** % of each bar per list-price dollar of the provider's own requests. */
  five_hour: BarCalibration | null;
  weekly: BarCalibration | null;
  /** A daily bar's (Google's Code Assist quota); absent for plans without one. */
  daily?: BarCalibration | null;
  /** Null when no bar moved enough to tell its rate from 0: the provider's dollars are unknown (`unknown_reason`). */
  usd_per_list_usd: ListPriceRate | null;
  unknown_reason: string;
  /** What the samples were: a run's windows, or pairs of everyday readings with the use between them. */
  made_of: 'windows' | 'readings';
}

/**
 * A bar's $ per list dollar is its % per list dollar times what 1% of it is worth on the plan (priceOnePercent);
 * the binding bar's is the larger, so the price is the larger of the two, and so are its ends (the maximum of two
 * quantities lies between the maxima of their ends). Its lower end is 0 when neither bar's lower end is above 0: no
 * bar moved by more than its rounding could hide, so the price is unknown and the reason names the bars and what
 * would settle it. `samples` in the order the windows started.
 */
export function calibrateProvider(provider: string, samples: readonly PricingSample[], confidence: number): ProviderCalibration {
  const five: BarSample[] = [];
  const week: BarSample[] = [];
  for (const { window, capacity } of samples) {
    const own = window.own_cost_usd ?? null;
    if (own === null || own <= 0 || !capacity) continue;
    // The bar also paid for the capacity probe its delta holds (compute-window-metrics.ts): not the arm's cost, but use.
    const amount = own + (window.probe_cost_usd ?? 0);
    if (capacity.unit === 'pct_5h' && capacity.delta !== null && capacity.before !== null && capacity.after !== null)
      five.push({ delta: capacity.delta, before: capacity.before, after: capacity.after, amount });
    if (capacity.weekly && capacity.weekly.delta !== null)
      week.push({ delta: capacity.weekly.delta, before: capacity.weekly.before, after: capacity.weekly.after, amount });
  }
  const subscription = (samples.at(-1) as PricingSample).subscription;
  return calibrateBarSamples(provider, subscription, { five_hour: five, weekly: week }, confidence, 'windows');
}

/**
 * The price from samples of each bar, whatever made them: a run's windows (calibrateProvider) or the pairs of
 * everyday readings with the use recorded between them (buildEverydaySamples). `made_of` words the unknown reason.
 */
export function calibrateBarSamples(
  provider: string,
  subscription: WindowSubscription,
  samples: BarSamples,
  confidence: number,
  madeOf: 'windows' | 'readings',
  background: Partial<Record<PricedBar, { subtracted: number; moves: number }>> = {},
  given: Partial<Record<PricedBar, BarCalibration>> = {},
): ProviderCalibration {
  const perPercent = priceOnePercent(subscription.usd_per_month);
  // A bar sized through another (borrowBarRates) comes calibrated: its own samples gave no rate.
  const calibrated = PRICED_BARS.map((name) => ({
    name,
    bar: given[name] ?? calibrateBar(samples[name] ?? [], confidence, background[name]),
  }));
  const findBar = (name: PricedBar): BarCalibration | null => calibrated.find((entry) => entry.name === name)?.bar ?? null;
  const daily = findBar('daily');
  const base = {
    provider,
    plan: subscription.plan,
    usd_per_month: subscription.usd_per_month,
    five_hour: findBar('five_hour'),
    weekly: findBar('weekly'),
    ...(daily ? { daily } : {}),
    made_of: madeOf,
  };
  const bars = calibrated.flatMap(({ name, bar }) =>
    bar === null
      ? []
      : [{ name, estimate: bar.pct_per_unit * perPercent[name], low: bar.low * perPercent[name], high: bar.high * perPercent[name] }],
  );
  const low = Math.max(0, ...bars.map((bar) => bar.low));
  const count = PRICED_BARS.reduce((sum, name) => sum + (samples[name]?.length ?? 0), 0);
  if (bars.length === 0 || low <= 0)
    return { ...base, usd_per_list_usd: null, unknown_reason: describeUnknown(provider, calibrated, count, madeOf) };
  const binding = bars.reduce((x, y) => (y.estimate > x.estimate ? y : x));
  const high = Math.max(...bars.map((bar) => bar.high));
  const z = jStat.normal.inv(1 - (1 - confidence) / 2, 0, 1);
  const estimate = Math.min(Math.max(binding.estimate, low), high);
  const rate = { estimate, low, high, binding: binding.name, log_se: (Math.log(high) - Math.log(low)) / (2 * z) };
  return { ...base, usd_per_list_usd: rate, unknown_reason: '' };
}

/** Why no price: which bar of which provider did not move, over how much use, and what to do. */
function describeUnknown(
  provider: string,
  calibrated: readonly { name: PricedBar; bar: BarCalibration | null }[],
  samples: number,
  madeOf: 'windows' | 'readings',
): string {
  if (samples === 0)
    return madeOf === 'windows'
      ? `${provider}'s cost is unknown: none of its windows has both a bar delta and the proxy's cost of its own requests`
      : `${provider}'s cost is unknown: no two readings of one of its bars in one period have recorded use between them`;
  const parts = calibrated.flatMap(({ name, bar }) =>
    bar === null
      ? []
      : [`its ${BAR_KINDS[name].label} bar moved ${formatPercent(bar.moved)} in readings of ${formatPercent(bar.step)} steps`],
  );
  const used = Math.max(0, ...calibrated.map(({ bar }) => bar?.amount ?? 0));
  return (
    `${provider}'s cost is unknown: ${parts.join(' and ')} over ${samples === 1 ? `one ${madeOf === 'windows' ? 'window' : 'pair of readings'}` : `its ${madeOf}`} ` +
    `($${used.toFixed(2)} of list-price use), too little to tell from no movement. ` +
    `Run more tasks on it, or record its bars through a day of your own work with \`tracker watch\``
  );
}

function formatPercent(value: number): string {
  return `${Number(value.toPrecision(6))}%`;
}

/**
 * The second subscription's share (sub-agent requests routed to it), priced from its own bar delta and added to the
 * window's own; unknown when its requests cost something at list price but its bars did not move (a reading that
 * did not move never prices a window at $0), or when its plan is not known.
 */
export function addSubagentPrice(
  ownUsd: number,
  sub: SubagentCapacity | undefined,
  routedListUsd = 0,
): { usd: number; reason?: undefined } | { usd: null; reason: string } {
  if (!sub) return { usd: ownUsd };
  const what = sub.route === 'failover' ? 'its requests moved on failover' : 'its sub-agent requests';
  const bars = { five_hour: sub.five_hour?.delta ?? null, weekly: sub.weekly?.delta ?? null };
  if (routedListUsd > 0 && !(bars.five_hour !== null && bars.five_hour > 0) && !(bars.weekly !== null && bars.weekly > 0))
    return {
      usd: null,
      reason: `${what} on ${sub.provider} cost $${routedListUsd.toFixed(4)} at list price but ${sub.provider}'s bars did not move`,
    };
  const price = priceWindow(sub.subscription ?? null, bars);
  if (price.usd === null) return { usd: null, reason: `${what}' share on ${sub.provider} cannot be priced (${price.reason})` };
  return { usd: ownUsd + price.usd };
}
