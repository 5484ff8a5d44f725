// What a window cost in dollars of subscription: the share of the plan's monthly price its bar movement used (pure).

/** How many of each window a month holds (365.25 / 12 days): 146.1 five-hour windows, 4.348214 weeks (365.25 / 12 / 7). */
export const WINDOWS_PER_MONTH = { five_hour: (365.25 / 12) * (24 / 5), weekly: 365.25 / 12 / 7 } as const;

export interface WindowSubscription {
  plan: string;
  usd_per_month: number;
}

export interface WindowBars {
  /** % of the 5-hour window the window used; null when unknown or refused. */
  five_hour: number | null;
  /** % of the week; null when unknown. */
  weekly: number | null;
}

export type WindowPrice = { usd: number; binding: 'five_hour' | 'weekly' } | { usd: null; reason: string };

/** $ of subscription 1% of each bar is worth on a plan of `usdPerMonth` (a plan buys one full bar per period). */
export function priceOnePercent(usdPerMonth: number): { five_hour: number; weekly: number } {
  return { five_hour: usdPerMonth / WINDOWS_PER_MONTH.five_hour / 100, weekly: usdPerMonth / WINDOWS_PER_MONTH.weekly / 100 };
}

/**
 * A plan's price buys one full bar per window period: 1% of the 5-hour bar is worth price / 146.1 / 100,
 * 1% of the weekly bar price / 4.348 / 100. Used steadily, a plan runs out on whichever bar costs more per
 * unit of work, so that one binds: the window's cost is the larger of the two. With one bar known, that one.
 */
export function priceWindow(subscription: WindowSubscription | null, bars: WindowBars): WindowPrice {
  if (!subscription) return { usd: null, reason: 'no plan recorded for the window' };
  const perPercent = priceOnePercent(subscription.usd_per_month);
  const fiveHour = bars.five_hour === null ? null : bars.five_hour * perPercent.five_hour;
  const weekly = bars.weekly === null ? null : bars.weekly * perPercent.weekly;
  if (fiveHour === null && weekly === null) return { usd: null, reason: 'no bar delta to price (token-metered or refused)' };
  if (weekly === null || (fiveHour !== null && fiveHour >= weekly)) return { usd: fiveHour as number, binding: 'five_hour' };
  return { usd: weekly, binding: 'weekly' };
}
