import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { createPriceTable } from '../../budget/prices/index.js';
import type { ReportWindow, TelemetryRow } from '../../ledger/index.js';
import { computeWindowMetrics } from './compute-window-metrics.js';
import { summarizeProviderMetrics } from './summarize-provider-metrics.js';
import { summarizeWindowUsage } from './summarize-window-usage.js';

function window(id: string, provider: string, delta: number | null, quality: number, extra: Partial<ReportWindow> = {}): ReportWindow {
  return {
    agent_id: 'main',
    provider,
    window_id: id,
    feature_id: null,
    methodology: 'manual',
    quality,
    outcome: 'success',
    errors: [],
    capacity: { unit: 'pct_5h', before: 10, after: delta === null ? null : 10 + delta, delta },
    started_at: '2026-11-21T10:00:00.000Z',
    ended_at: '2026-11-21T10:30:00.000Z',
    completed_at: '2026-11-21T10:31:00.000Z',
    ...extra,
  };
}

const row = (windowId: string, tokens: number, model = 'claude-sonnet-4-5'): TelemetryRow => ({
  id: windowId + tokens,
  kind: 'proxy-request',
  ts: '2026-11-21T10:00:00Z',
  schema_version: 1,
  tool_version: '0.1.0',
  source: 'proxy',
  agent_id: 'main',
  timestamp: '2026-11-21T10:00:00Z',
  session_id: null,
  subagent_id: null,
  backend_provider: 'anthropic',
  model,
  prompt_tokens: tokens,
  completion_tokens: 0,
  latency_ms: 10,
  status: 200,
  trace_id: `t${windowId}${tokens}`,
  window_id: windowId,
});

describe('computeWindowMetrics', () => {
  it('joins proxy tokens and cost by window id and computes efficiency, per 1M tokens and duration', () => {
    const usage = summarizeWindowUsage([row('w1', 600_000), row('w1', 400_000)], createPriceTable(BUILT_IN_CATALOG));
    const { windows } = computeWindowMetrics([window('w1', 'claude', 10, 0.8)], usage);
    expect(windows[0]).toMatchObject({
      capacity_delta: 10,
      efficiency: 0.08,
      tokens: 1_000_000,
      tokens_source: 'proxy',
      requests: 2,
      efficiency_per_mtok: 0.8,
      duration_ms: 30 * 60_000,
    });
    expect(windows[0]?.cost_usd).toBeGreaterThan(0);
  });

  it("keeps its capacity probes' requests out of the window's cost, and names the after probe's cost apart", () => {
    const usage = summarizeWindowUsage(
      [row('w1', 600_000), row('w1.before', 1_000), row('w1.after', 2_000), row('w2.after', 9_000)],
      createPriceTable(BUILT_IN_CATALOG),
    );
    const { windows } = computeWindowMetrics([window('w1', 'claude', 10, 1), window('w3', 'claude', 1, 1)], usage);
    const alone = summarizeWindowUsage([row('w1', 600_000)], createPriceTable(BUILT_IN_CATALOG)).get('w1');
    const probe = summarizeWindowUsage([row('w1.after', 2_000)], createPriceTable(BUILT_IN_CATALOG)).get('w1.after');
    expect(windows[0]).toMatchObject({ tokens: 600_000, requests: 1, cost_usd: alone?.cost_usd, probe_cost_usd: probe?.cost_usd });
    expect(probe?.cost_usd).toBeGreaterThan(0);
    expect(windows[1]?.probe_cost_usd).toBeNull();
  });

  it('leaves the telemetry of a window id shared by two windows unattributed', () => {
    const usage = summarizeWindowUsage([row('w1', 1000)], createPriceTable(BUILT_IN_CATALOG));
    const result = computeWindowMetrics([window('w1', 'claude', 10, 1), window('w1', 'codex', 5, 1)], usage);
    expect(result.ambiguous_window_ids).toEqual(['w1']);
    expect(result.windows.every((metrics) => metrics.tokens === null)).toBe(true);
  });

  it('uses quality per 1M tokens as the efficiency of a token-metered window', () => {
    const { windows } = computeWindowMetrics(
      [window('w1', 'glm', null, 0.5, { capacity: { unit: 'tokens', before: 0, after: 2_000_000, delta: 2_000_000 } })],
      new Map(),
    );
    expect(windows[0]).toMatchObject({ efficiency: 0.25, tokens: 2_000_000, tokens_source: 'captures', cost_usd: null });
  });
});

describe('summarizeProviderMetrics', () => {
  it('counts n over windows with a known cost, one that cost nothing included, and gives no interval below 3 (ci=n/a)', () => {
    const { windows } = computeWindowMetrics([window('a', 'claude', 10, 1), window('b', 'claude', 0, 1)], new Map());
    const [claude] = summarizeProviderMetrics(windows);
    expect(claude).toMatchObject({ provider: 'claude', windows: 2, efficiency: { n: 2, low: null, high: null, ci_width: null } });
    // The sum of quality over the sum of the bar used: 2 / 10.
    expect(claude?.efficiency.mean).toBeCloseTo(0.2, 12);
  });

  it('gives a t interval and a relative ci_width from 3 windows, and tokens and cost per success', () => {
    const usage = summarizeWindowUsage([row('a', 1000), row('b', 1000), row('c', 1000)], createPriceTable(BUILT_IN_CATALOG));
    const { windows } = computeWindowMetrics(
      [window('a', 'claude', 10, 1), window('b', 'claude', 10, 0.5, { outcome: 'fail' }), window('c', 'claude', 20, 1)],
      usage,
    );
    const [claude] = summarizeProviderMetrics(windows);
    const efficiency = claude?.efficiency;
    expect(efficiency?.n).toBe(3);
    expect(efficiency?.low).not.toBeNull();
    expect(efficiency?.ci_width).toBeCloseTo(((efficiency?.high ?? 0) - (efficiency?.low ?? 0)) / Math.abs(efficiency?.mean ?? 1), 12);
    expect(claude).toMatchObject({ successes: 2, tokens: 3000, tokens_per_success: 1500 });
    expect(claude?.cost_per_success_usd).toBeCloseTo((claude?.cost_usd ?? 0) / 2, 12);
  });
});
