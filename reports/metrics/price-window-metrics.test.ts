// Pricing: a subscription window costs its share of the plan, a token-metered (API key) one its tokens at list prices.
import { describe, expect, it } from 'vitest';
import type { ReportWindow } from '../../ledger/index.js';
import { makeReportWindow } from '../test-fixtures/make-report-window.js';
import { computeWindowMetrics } from './compute-window-metrics.js';
import { priceWindowMetrics, type ProviderCalibration } from './price-window-metrics.js';
import type { WindowUsage } from './summarize-window-usage.js';

const start = Date.parse('2026-11-21T08:00:00Z');
const subscribed: ReportWindow = {
  ...makeReportWindow('claude', 'T1', 2, start, 1),
  subscription: { plan: 'claude-max-20x', usd_per_month: 200, priced_at: '2026-11-01' },
};
const metered: ReportWindow = {
  ...makeReportWindow('api', 'T1', 0, start, 1),
  capacity: { unit: 'tokens', before: 1_000, after: 41_000, delta: 40_000 },
};
const usage = (cost: number): WindowUsage => ({ requests: 3, tokens: 40_000, cost_usd: cost }) as unknown as WindowUsage;

describe('priceWindowMetrics', () => {
  it('prices an API-key window at its list-price cost, so it compares with a subscription in dollars', () => {
    const windows = [subscribed, metered];
    const measured = computeWindowMetrics(windows, new Map([['api-T1', usage(0.42)]])).windows;
    const priced = priceWindowMetrics(measured, windows, 'usd', 0.95);
    expect(priced.unit).toBe('usd');
    const api = priced.windows.find((w) => w.provider === 'api');
    expect(api).toMatchObject({ usd: 0.42, plan: 'api-list-price', usd_reason: null });
    expect(api?.efficiency).toBeCloseTo(1 / 0.42, 12);
    expect(priced.windows.find((w) => w.provider === 'claude')?.usd).toBeGreaterThan(0);
  });

  it('says why a token-metered window without proxy cost cannot be priced, and stays in dollars (that window n/a)', () => {
    const windows = [subscribed, metered];
    const priced = priceWindowMetrics(computeWindowMetrics(windows, new Map()).windows, windows, 'usd', 0.95);
    expect(priced.unit).toBe('usd');
    expect(priced.windows.find((w) => w.provider === 'api')).toMatchObject({ usd: null });
    expect(priced.windows.find((w) => w.provider === 'api')?.usd_reason).toMatch(/token-metered with no proxy cost/);
  });

  it('falls back to bars only when a window has no plan to price it by, and says so', () => {
    const planless = makeReportWindow('codex', 'T1', 3, start, 1);
    const priced = priceWindowMetrics(computeWindowMetrics([planless], new Map()).windows, [planless], 'usd', 0.95);
    expect(priced.unit).toBe('bars');
    expect(priced.unit_reason).toMatch(/no plan to price them by \(codex, e.g. codex-T1: pass --plan\)/);
  });
});

describe('prices calibrated from every reading (the default; --calibration windows keeps the windows alone)', () => {
  it("replace the windows' own for a provider on the same plan with a known price, and only then", () => {
    const windows = [subscribed];
    const measured = computeWindowMetrics(windows, new Map([['claude-T1', usage(0.5)]])).windows;
    const own = priceWindowMetrics(measured, windows, 'usd', 0.95);
    const base = own.calibrations[0] as ProviderCalibration;
    const rate = { estimate: 3, low: 2, high: 4, binding: 'weekly' as const, log_se: 0.2 };
    const everyday: ProviderCalibration = { ...base, usd_per_list_usd: rate, made_of: 'readings' };
    const given = priceWindowMetrics(measured, windows, 'usd', 0.95, new Map([['claude', everyday]]));
    expect(given.calibrations[0]).toBe(everyday);
    expect(given.windows[0]?.usd).toBeCloseTo(0.5 * 3, 12);
    const otherPlan = { ...everyday, plan: 'claude-pro' };
    expect(priceWindowMetrics(measured, windows, 'usd', 0.95, new Map([['claude', otherPlan]])).calibrations[0]).toEqual(base);
    const unknown = { ...everyday, usd_per_list_usd: null };
    expect(priceWindowMetrics(measured, windows, 'usd', 0.95, new Map([['claude', unknown]])).calibrations[0]).toEqual(base);
  });
});

describe('the bar calibration', () => {
  it('counts only the tokens the provider itself served, not sub-agent requests routed to another subscription', () => {
    const routed: ReportWindow = {
      ...subscribed,
      ...makeReportWindow('claude', 'T2', 2, start, 1),
      subscription: subscribed.subscription,
      subagent_capacity: { provider: 'glm' } as ReportWindow['subagent_capacity'],
    };
    const split = {
      ...usage(0.15),
      tokens: 1_500,
      tokens_by_backend: { claude: 1_000, glm: 500 },
      cost_by_backend: { claude: 0.1, glm: 0.05 },
    } as WindowUsage;
    const [metrics] = computeWindowMetrics([routed], new Map([['claude-T2', split]])).windows;
    expect(metrics?.tokens).toBe(1_500);
    expect(metrics?.own_tokens).toBe(1_000);
    const calibrated = priceWindowMetrics([metrics as NonNullable<typeof metrics>], [routed], 'bars', 0.95).calibrations[0];
    // 2% of the bar for the $0.10 of list price claude served, not the $0.15 with the routed requests.
    expect(calibrated?.five_hour?.pct_per_unit).toBeCloseTo(2 / 0.1, 12);
  });
});
