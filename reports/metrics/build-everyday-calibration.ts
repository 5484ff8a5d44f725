// The everyday calibration of a ledger: its bar readings and recorded use over a span, each provider under its plan (pure).
import type { PriceTable } from '../../budget/prices/index.js';
import type { BarInputs, ReportWindow, UsageOtelRow, WindowSubscription } from '../../ledger/index.js';
import { collectBarSeries } from '../bars/collect-bar-series.js';
import type { BarSeries } from '../bars/bar-types.js';
import { selectCountedOtelRows } from '../usage/collect-otel-uses.js';
import { createDayKeyer } from '../usage/period-keys.js';
import type { UsageTelemetry } from '../usage/usage-inputs.js';
import { EVERYDAY_SOURCE_ORDER } from '../usage/usage-sources.js';
import { calibrateEveryday, type EverydayCalibration } from './calibrate-everyday.js';
import { createEverydayUseFold, readOtelTimedUse, readProxyTimedUse } from './collect-everyday-uses.js';

export interface EverydayLedger {
  bars: BarInputs;
  telemetry: readonly UsageTelemetry[];
  /** The agents' own OpenTelemetry (readUsageOtel): the use of a subscriber who runs no proxy. */
  otel: readonly UsageOtelRow[];
  /** Completed windows: a provider with no --plan is calibrated under the plan of its last window that has one. */
  windows: readonly Pick<ReportWindow, 'provider' | 'completed_at' | 'subscription'>[];
}

export interface EverydayOptions {
  prices: PriceTable;
  /** Plans given on the command line, by provider: they win over the windows' plans. */
  plans: ReadonlyMap<string, WindowSubscription>;
  /** Only readings and uses in [since, until] (ms; open ends when null). */
  since_ms: number | null;
  until_ms: number | null;
  timeZone: string;
  confidence: number;
  providers: readonly string[];
}

export interface EverydayResult {
  calibrations: (EverydayCalibration & { plan_from: 'flag' | 'window' | null; sources: string[] })[];
  /** Uses left out of the dollars for want of a list price. */
  unpriced: number;
  since: string | null;
  until: string | null;
}

export function buildEverydayCalibration(ledger: EverydayLedger, options: EverydayOptions): EverydayResult {
  const inSpan = (ms: number): boolean =>
    (options.since_ms === null || ms >= options.since_ms) && (options.until_ms === null || ms <= options.until_ms);
  const wanted = (provider: string): boolean => options.providers.length === 0 || options.providers.includes(provider);
  const series: BarSeries[] = collectBarSeries(ledger.bars)
    .filter((one) => wanted(one.provider))
    .map((one) => ({ ...one, points: one.points.filter((point) => inSpan(Date.parse(point.at))) }));
  const dayKey = createDayKeyer(options.timeZone);
  const fold = createEverydayUseFold(EVERYDAY_SOURCE_ORDER, options.prices, (ms) => dayKey(new Date(ms).toISOString()) ?? '');
  for (const row of ledger.telemetry) {
    const use = readProxyTimedUse(row);
    if (use && wanted(use.provider) && inSpan(use.at_ms)) fold.add(use);
  }
  for (const row of selectCountedOtelRows(ledger.otel, dayKey)) {
    const use = readOtelTimedUse(row);
    if (use && wanted(use.provider) && inSpan(use.at_ms)) fold.add(use);
  }
  const collected = fold.finish();
  const windowPlans = findWindowPlans(ledger.windows);
  const plans = new Map([...windowPlans, ...options.plans]);
  const calibrations = calibrateEveryday({
    series,
    dollars: collected.dollars,
    tokens: collected.tokens,
    plans,
    confidence: options.confidence,
  }).map((calibration) => ({
    ...calibration,
    plan_from: options.plans.has(calibration.provider)
      ? ('flag' as const)
      : windowPlans.has(calibration.provider)
        ? ('window' as const)
        : null,
    sources: [...(collected.sources.get(calibration.provider) ?? [])],
  }));
  const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
  return { calibrations, unpriced: collected.unpriced, since: iso(options.since_ms), until: iso(options.until_ms) };
}

/** The plan of each provider's last completed window that recorded one. */
export function findWindowPlans(windows: EverydayLedger['windows']): Map<string, WindowSubscription> {
  const latest = new Map<string, { at: string; subscription: WindowSubscription }>();
  for (const window of windows) {
    if (!window.subscription) continue;
    const seen = latest.get(window.provider);
    if (!seen || window.completed_at >= seen.at)
      latest.set(window.provider, { at: window.completed_at, subscription: window.subscription });
  }
  return new Map([...latest].map(([provider, { subscription }]) => [provider, subscription]));
}
