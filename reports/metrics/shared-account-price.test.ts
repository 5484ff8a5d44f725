// One account spent by a plain arm and by a failover portfolio's first member has one price on every surface.
import { describe, expect, it } from 'vitest';
import { createPriceTable } from '../../budget/prices/index.js';
import type { BarObservation, ReportTelemetryRow, ReportWindow } from '../../ledger/index.js';
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { buildEverydayCalibration, selectPlanPrices } from './build-everyday-calibration.js';
import type { ProviderCalibration } from './calibrate-provider.js';
import { comparePriceSources } from './compare-price-sources.js';
import { mapRealAccounts } from './map-real-accounts.js';
import { measureWindows } from './measure-plan-windows.js';

const [PLAIN, PORTFOLIO] = ['sim-claude-tiny', 'sim-claude-tiny>sim-glm'];
const ACCOUNT = 'acct-af3b5314de';
const FIVE_RESET = '2026-11-29T07:40:53.000Z';
const WEEK_RESET = '2026-12-06T02:40:53.000Z';
const MAX = { plan: 'sim-max', usd_per_month: 200, priced_at: '2026-11-01' };
const LITE = { plan: 'sim-lite', usd_per_month: 30, priced_at: '2026-11-01' };
const at = (second: number): string => new Date(Date.parse('2026-11-29T03:40:54.000Z') + second * 1000).toISOString();
const bars = (five: number, week: number) => ({
  five_hour: { used_pct: five, resets_at: FIVE_RESET, window_minutes: 300 },
  weekly: { used_pct: week, resets_at: WEEK_RESET, window_minutes: 10080 },
});

/** A proxy row of `window` on the shared account (back end named as the run's proxy names it), with its headers' bars. */
function request(window: string, backend: string, second: number, tokens: [number, number] | null, five: number, week: number) {
  return {
    timestamp: at(second),
    agent_id: 'main',
    backend_provider: backend,
    subagent_id: null,
    model: 'scripted-claude-tiny',
    prompt_tokens: tokens?.[0] ?? null,
    completion_tokens: tokens?.[1] ?? null,
    cache_read_tokens: 0,
    cache_creation_tokens: 0,
    latency_ms: 10,
    ttft_ms: 10,
    status: tokens ? 200 : 429,
    error_type: tokens ? null : 'rate_limit_error',
    window_id: window,
    feature_id: 'csv-line-parser',
    path: '/v1/messages',
    command: null,
    account: ACCOUNT,
    rate_limits: bars(five, week),
  } as ReportTelemetryRow & { rate_limits: ReturnType<typeof bars> };
}

/** The quota endpoint's whole-percent capture of `provider` (the portfolio reads its first member's bars under its own name). */
const capture = (provider: string, second: number, five: number, week: number): BarObservation => ({
  provider,
  captured_at: at(second),
  format: 'quota-claude',
  bars: bars(five, week),
});

function window(provider: string, id: string, from: number, to: number, five: [number, number], week: [number, number]): ReportWindow {
  return {
    agent_id: 'main',
    provider,
    window_id: id,
    feature_id: 'csv-line-parser',
    methodology: 'scripted driver, SIMULATED: the scripted model server of agent-tracker answers',
    quality: 1,
    outcome: 'success',
    errors: [],
    capacity: {
      unit: 'pct_5h',
      before: five[0],
      after: five[1],
      delta: five[1] - five[0],
      weekly: { before: week[0], after: week[1], delta: week[1] - week[0] },
    },
    started_at: at(from),
    ended_at: at(to),
    completed_at: at(to),
    subscription: MAX,
    ...(provider === PORTFOLIO
      ? {
          subagent_capacity: {
            provider: 'sim-glm',
            format: 'quota-glm',
            weekly: { before: 0.1674, after: 0.1674, delta: 0 },
            subscription: LITE,
            route: 'failover' as const,
          },
        }
      : {}),
  };
}

// The failover run of features/experiment-failover-arm.feature, as its ledger held it: the plain arm moves the account's
// bars to 52% / 10.33%, the portfolio (not moved yet: its requests are on the same account) to 100% / 20.67%, and the
// plain arm after it is refused. The weekly bar binds; the captures read whole percents, the proxy's headers hundredths.
const TOKENS: [number, number][] = [
  [757, 95],
  [955, 430],
  [1463, 80],
];
const telemetry = [
  request('a001', PLAIN, 1, TOKENS[0] as [number, number], 10.27, 2.05),
  request('a001', PLAIN, 1.2, TOKENS[1] as [number, number], 36.14, 7.23),
  request('a001', PLAIN, 1.4, TOKENS[2] as [number, number], 51.67, 10.33),
  request('a003', PORTFOLIO, 6, TOKENS[0] as [number, number], 61.93, 12.39),
  request('a003', PORTFOLIO, 6.2, TOKENS[1] as [number, number], 87.81, 17.56),
  request('a003', PORTFOLIO, 6.4, TOKENS[2] as [number, number], 100, 20.67),
  request('a004', PLAIN, 9, null, 100, 20.67),
];
const snapshots = [
  capture(PLAIN, 0, 0, 0),
  capture(PLAIN, 3, 52, 10),
  capture(PORTFOLIO, 5, 52, 10),
  capture(PORTFOLIO, 8, 100, 21),
  capture(PLAIN, 8.5, 100, 21),
  capture(PLAIN, 11, 100, 21),
];
const windows = [
  window(PLAIN, 'a001', 0, 3, [0, 52], [0, 10]),
  window(PORTFOLIO, 'a003', 5, 8, [52, 100], [10, 21]),
  { ...window(PLAIN, 'a004', 8.5, 11, [100, 100], [21, 21]), quality: 0, outcome: 'fail' as const },
];

/** What `experiment report` does (cli/read-everyday-calibrations.ts, then build-report.ts): the prices of both surfaces. */
function priceReport() {
  const prices = createPriceTable(BUILT_IN_CATALOG);
  const accounts = mapRealAccounts(windows, []);
  const everyday = buildEverydayCalibration(
    { bars: { snapshots, readings: [], telemetry }, telemetry, otel: [], readings: [], windows },
    { prices, plans: new Map(), since_ms: null, until_ms: null, timeZone: 'UTC', confidence: 0.95, providers: [], accounts },
  );
  const measured = measureWindows({ windows, telemetry }, 'usd', {
    prices,
    confidence: 0.95,
    calibrations: selectPlanPrices(everyday.calibrations, accounts),
  });
  return { ...measured.priced, sources: comparePriceSources(measured.priced.calibrations, measured.priced.replaced) };
}

const rateOf = (calibrations: readonly ProviderCalibration[], provider: string) =>
  calibrations.find((calibration) => calibration.provider === provider)?.usd_per_list_usd;

describe('a shared account in a failover run', () => {
  it("prices the plain arm and the portfolio's share of one account at one price, each bar's moves over all the use that moved them", () => {
    const report = priceReport();
    for (const surface of [report.calibrations, report.replaced]) {
      const [plain, portfolio] = [rateOf(surface, PLAIN), rateOf(surface, PORTFOLIO)];
      expect(plain?.estimate).toBeGreaterThan(0);
      expect(portfolio?.estimate).toBe(plain?.estimate);
    }
    // The readings' price and the windows' agree: 20.67% of the week over both arms' six requests, not the plain arm's three.
    const [readings, windowsAlone] = [rateOf(report.calibrations, PLAIN), rateOf(report.replaced, PLAIN)];
    expect(readings?.estimate).toBeGreaterThanOrEqual(windowsAlone?.low ?? Number.NaN);
    expect(readings?.estimate).toBeLessThanOrEqual(windowsAlone?.high ?? Number.NaN);
    expect(report.sources.map((entry) => entry.disagreement)).toEqual([null, null]);
    const priced = report.windows.filter((one) => one.window_id !== 'a004');
    expect(priced.map((one) => one.usd)).toEqual([expect.closeTo(priced[1]?.usd ?? 0, 9), expect.any(Number)]);
  });
});
