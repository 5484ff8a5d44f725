// The kinds of usage bar the providers' limits show: each one's period, its names, and whether a plan's price rests on it.

/**
 * One entry per bar kind; everything that lists, labels, times or prices bars reads it here (but the viewer's pages,
 * whose browser bundle takes no back-end module: viewer/web keeps a label map of its own). `priced`: a plan's
 * price buys one full bar per period (budget/plans/price-window.ts), so the bar can price use; weekly_sonnet is a
 * bar of its own inside the weekly one that no plan's price rests on.
 */
export const BAR_KINDS = {
  five_hour: { minutes: 5 * 60, label: '5h', title: '5-hour', priced: true },
  weekly: { minutes: 7 * 24 * 60, label: 'weekly', title: 'weekly', priced: true },
  weekly_sonnet: { minutes: 7 * 24 * 60, label: 'weekly Sonnet', title: 'weekly (Sonnet)', priced: false },
  // Google's Code Assist quota (Gemini CLI signed in with Google): requests per day and model, reset once a day
  // (google-gemini/gemini-cli docs/resources/quota-and-pricing.md; its per-minute limit shows only as refusals).
  daily: { minutes: 24 * 60, label: 'daily', title: 'daily', priced: true },
} as const;

export type BarName = keyof typeof BAR_KINDS;
export type PricedBar = { [K in BarName]: (typeof BAR_KINDS)[K]['priced'] extends true ? K : never }[BarName];

/** In the order bars are shown. */
export const BAR_NAMES = Object.keys(BAR_KINDS) as readonly BarName[];
export const PRICED_BARS = BAR_NAMES.filter((bar) => BAR_KINDS[bar].priced) as readonly PricedBar[];

export function isPricedBar(bar: BarName): bar is PricedBar {
  return BAR_KINDS[bar].priced;
}
