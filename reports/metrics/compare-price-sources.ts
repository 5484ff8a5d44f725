// Sets a plan's price from every reading beside the one its own windows alone give: where they disagree, and why (pure).
import type { ProviderCalibration } from './calibrate-provider.js';

/** One provider priced from every reading: its price, the windows' own, and the disagreement in words when there is one. */
export interface PriceSources {
  provider: string;
  /** Pairs of readings the price came from, and the plan's windows' own price for comparison. */
  readings: ProviderCalibration;
  windows: ProviderCalibration;
  /** Null when the two intervals overlap (or the windows know no price); else what differs and the likely reason. */
  disagreement: string | null;
}

/**
 * Each provider whose price came from every reading (`calibrations`, made_of 'readings') beside the windows' price it
 * replaced. Two prices of one plan disagree when their intervals do not overlap. Why, from what the two calibrations
 * hold: readings coarser in the windows (their captures read whole percents where the proxy's headers read
 * hundredths), when that rounding could span the gap, or use the readings cannot see (another client on the account
 * moves the bar between readings with no recorded use, so every reading prices it higher than the plan's own arms did).
 */
export function comparePriceSources(
  calibrations: readonly ProviderCalibration[],
  replaced: readonly ProviderCalibration[],
): PriceSources[] {
  return replaced.flatMap((windows) => {
    const readings = calibrations.find((c) => c.provider === windows.provider && c.made_of === 'readings');
    if (!readings?.usd_per_list_usd) return [];
    return [{ provider: windows.provider, readings, windows, disagreement: describeDisagreement(readings, windows) }];
  });
}

function describeDisagreement(readings: ProviderCalibration, windows: ProviderCalibration): string | null {
  const [r, w] = [readings.usd_per_list_usd, windows.usd_per_list_usd];
  if (r === null || w === null || (r.low <= w.high && w.low <= r.high)) return null;
  const fmt = (rate: NonNullable<typeof r>) => `${rate.estimate.toPrecision(4)} [${rate.low.toPrecision(3)}, ${rate.high.toPrecision(3)}]`;
  const steps = (c: ProviderCalibration) => Math.min(c.five_hour?.step ?? 1, c.weekly?.step ?? 1, c.daily?.step ?? 1);
  const why =
    steps(windows) > steps(readings) && isWithinRounding(windows, r)
      ? `its windows' captures read the bars in steps of ${steps(windows)}% where other readings read ${steps(readings)}%, so the windows' rounding is wider than their interval shows`
      : r.estimate > w.estimate
        ? 'the bars moved more between the readings than the use recorded there explains (another client on the account, an arm recorded under another name, or use no source records), so every reading prices it higher than its arms alone'
        : "the plan's arms moved the bars more per list $ than the rest of the account's use (a different mix of models or cache use)";
  return `${readings.provider}: every reading prices it at ${fmt(r)} $ of subscription per list $, its windows alone at ${fmt(w)}: they disagree beyond their intervals; ${why}`;
}

/**
 * Whether the windows' rounding alone could put their price where the readings' interval is: each run of joined
 * window readings is off by less than its step (calibrate-bars.ts), so the binding bar's summed moves by at most
 * chains x step, and the price with them. A gap wider than that is not the rounding's (a shared account whose other
 * arm's use the readings did not count read 2.1x dear, and was blamed on the rounding).
 */
function isWithinRounding(windows: ProviderCalibration, readings: NonNullable<ProviderCalibration['usd_per_list_usd']>): boolean {
  const rate = windows.usd_per_list_usd;
  const bar = rate ? windows[rate.binding] : null;
  if (!rate || !bar || !(bar.moved > 0)) return true;
  const slack = (bar.chains * bar.step) / bar.moved;
  return readings.low <= rate.estimate * (1 + slack) && readings.high >= rate.estimate * (1 - slack);
}
