// A provider whose price is unknown keeps its work and its list-price use in view, and its dollars are n/a, never $0.
import { describe, expect, it } from 'vitest';
import { buildSequentialRule } from '../../ledger/index.js';
import { analyzeWorkPerDollar } from './analyze-work-per-dollar.js';
import type { WindowMetrics } from './compute-window-metrics.js';
import type { ProviderCalibration } from './price-window-metrics.js';

const rule = buildSequentialRule({ providers: 2, alpha: 0.05, minEffect: 0.2, plannedTasks: 6, enabled: true });

function metrics(provider: string, task: number, quality: number, usd: number | null, listUsd: number): WindowMetrics {
  return {
    provider,
    feature_id: `T${task}`,
    plan_id: 'plan-1',
    window_id: `${provider}-${task}`,
    quality,
    unit: 'usd',
    usd,
    cost_usd: listUsd,
    completed_at: `2026-11-25T0${task}:00:00.000Z`,
  } as unknown as WindowMetrics;
}

const unknown: ProviderCalibration = {
  provider: 'codex',
  plan: 'chatgpt-pro',
  usd_per_month: 200,
  five_hour: null,
  weekly: null,
  usd_per_list_usd: null,
  unknown_reason: "codex's cost is unknown: its weekly bar moved 0% in readings of 1% steps",
  made_of: 'windows',
};

describe('analyzeWorkPerDollar', () => {
  it("gives a provider of unknown price its tasks' work and list-price use, dollars null and the reason", () => {
    const windows = [0, 1, 2, 3, 4, 5].flatMap((t) => [metrics('claude', t, 1, 0.5, 0.1), metrics('codex', t, t < 5 ? 1 : 0, null, 0.08)]);
    const result = analyzeWorkPerDollar(windows, {
      providers: ['claude', 'codex'],
      unit: 'usd',
      rule,
      calibrations: [unknown],
      alpha: 0.05,
      budgets: null,
    });
    const codex = result.providers.find((p) => p.provider === 'codex');
    // On 8d1aeb7: tasks 0, work 0, dollars 0 (the table's "$0"), hiding 5 solved tasks.
    expect(codex).toMatchObject({ tasks: 6, unpriced: 6, work: 5, dollars: null, ratio: null, na: unknown.unknown_reason });
    expect(codex?.list_usd).toBeCloseTo(0.48, 12);
    expect(result.pairs[0]).toMatchObject({ outcome: 'n/a', na: unknown.unknown_reason });
    expect(result.providers.find((p) => p.provider === 'claude')).toMatchObject({ tasks: 6, work: 6, dollars: 3 });
  });
});
