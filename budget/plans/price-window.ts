// What a window cost in dollars of subscription: the share of the plan's monthly price its bar movement used (pure).
import { BAR_KINDS, PRICED_BARS, type PricedBar } from '../../ledger/schemas/index.js';

const MINUTES_PER_MONTH = (365.25 / 12) * 24 * 60;

/**
 * How many of each priced bar's periods a month holds (365.25 / 12 days): 146.1 five-hour windows, 4.348214 weeks
 * (365.25 / 12 / 7), 30.4375 days.
 */
export const WINDOWS_PER_MONTH = Object.fromEntries(
  PRICED_BARS.map((bar) => [bar, MINUTES_PER_MONTH / BAR_KINDS[bar].minutes]),
) as Readonly<Record<PricedBar, number>>;

export interface WindowSubscription {
  plan: string;
  usd_per_month: number;
}

/** % of each priced bar the window used; null (or absent) when unknown or refused. */
export type WindowBars = { five_hour: number | null; weekly: number | null } & Partial<Record<PricedBar, number | null>>;

export type WindowPrice = { usd: number; binding: PricedBar } | { usd: null; reason: string };

/** $ of subscription 1% of each priced bar is worth on a plan of `usdPerMonth` (a plan buys one full bar per period). */
export function priceOnePercent(usdPerMonth: number): Record<PricedBar, number> {
  return Object.fromEntries(PRICED_BARS.map((bar) => [bar, usdPerMonth / WINDOWS_PER_MONTH[bar] / 100])) as Record<PricedBar, number>;
}

/**
 * A plan's price buys one full bar per window period: 1% of the 5-hour bar is worth price / 146.1 / 100,
 * 1% of the weekly bar price / 4.348 / 100, 1% of a daily one price / 30.44 / 100. Used steadily, a plan runs out
 * on whichever bar costs more per unit of work, so that one binds: the window's cost is the largest. With one bar
 * known, that one (a tie goes to the bar listed first in bar-kinds.ts: five_hour, weekly, daily).
 */
export function priceWindow(subscription: WindowSubscription | null, bars: WindowBars): WindowPrice {
  if (!subscription) return { usd: null, reason: 'no plan recorded for the window' };
  const perPercent = priceOnePercent(subscription.usd_per_month);
  let best: { usd: number; binding: PricedBar } | null = null;
  for (const bar of PRICED_BARS) {
    const delta = bars[bar];
    if (delta === null || delta === undefined) continue;
    const usd = delta * perPercent[bar];
    if (best === null || usd > best.usd) best = { usd, binding: bar };
  }
  return best ?? { usd: null, reason: 'no bar delta to price (token-metered or refused)' };
}
