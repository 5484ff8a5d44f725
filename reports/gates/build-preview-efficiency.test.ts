import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { createPriceTable } from '../../budget/prices/index.js';
import type { AnalysisPlanRow, ReportWindow } from '../../ledger/index.js';
import { buildPreviewEfficiency } from './build-preview-efficiency.js';
import { renderPreview } from '../preview/render-preview.js';

/** `cheap` ($30 plan) spends 6% to 9% of its bar per task, `dear` ($200 plan) 2% or 2.5%: per 1% dear is ahead, per $ cheap is. */
function window(provider: 'cheap' | 'dear', task: number, period: number, extra: Partial<ReportWindow> = {}): ReportWindow {
  const delta = provider === 'cheap' ? 5 + task : task % 2 === 0 ? 2 : 2.5;
  const at = new Date(Date.parse('2026-11-21T08:00:00Z') + (task * 2 + period) * 3_600_000).toISOString();
  return {
    agent_id: 'main',
    provider,
    window_id: `${provider}-${task}`,
    feature_id: `t${task}`,
    methodology: 'test',
    quality: 1,
    outcome: 'success',
    capacity: { unit: 'pct_5h', before: 10, after: 10 + delta, delta },
    errors: [],
    started_at: at,
    ended_at: at,
    completed_at: at,
    period,
    plan_id: 'p1',
    subscription: { plan: provider, usd_per_month: provider === 'cheap' ? 30 : 200, priced_at: '2026-11-01' },
    ...extra,
  };
}

const windows = [1, 2, 3, 4].flatMap((task) => [
  window('dear', task, task % 2 === 0 ? 1 : 2),
  window('cheap', task, task % 2 === 0 ? 2 : 1),
]);
const plan: AnalysisPlanRow = {
  id: 'a1',
  kind: 'analysis-plan',
  ts: '2026-11-21T07:00:00Z',
  schema_version: 1,
  tool_version: '0.1.0',
  source: 'runner',
  agent_id: 'main',
  plan_id: 'p1',
  providers: ['dear', 'cheap'],
  estimand: 'usd',
  method: 'crossover',
  alpha: 0.1,
  min_effect: 0.5,
  planned_tasks: 4,
  reference: null,
};
const base = { windows, telemetry: [], plans: [plan], prices: createPriceTable(BUILT_IN_CATALOG) };
const mean = (result: ReturnType<typeof buildPreviewEfficiency>, provider: string) =>
  result.providers.find((summary) => summary.provider === provider)?.mean_efficiency as number;

describe('buildPreviewEfficiency', () => {
  it("works in the plan's unit ($ of subscription) against the plan's reference, with its alpha and pairs", () => {
    const result = buildPreviewEfficiency(base);
    expect(result).toMatchObject({ unit: 'usd', unit_reason: null, plan_id: 'p1', baseline: 'dear', baseline_source: 'plan-reference' });
    expect(result).toMatchObject({ alpha: 0.1, min_effect: 0.5, pairs: 1 });
    // Per $ the cheap plan is ahead, as the report ranks it; per 1% of its own bar it is behind.
    expect(mean(result, 'cheap')).toBeGreaterThan(mean(result, 'dear'));
    const bars = buildPreviewEfficiency({ ...base, unit: 'bars' });
    expect(bars.unit).toBe('bars');
    expect(mean(bars, 'cheap')).toBeLessThan(mean(bars, 'dear'));
    expect(result.providers.map((summary) => [summary.provider, summary.unit, summary.pair_power?.alpha_adjusted ?? null])).toEqual([
      ['cheap', 'usd', 0.1],
      ['dear', 'usd', null],
    ]);
  });

  it('falls back to bars, with the reason, when a window cannot be priced', () => {
    const unpriced = [...windows, window('cheap', 5, 3, { subscription: undefined, plan_id: 'p1' })];
    const result = buildPreviewEfficiency({ ...base, windows: unpriced });
    expect(result.unit).toBe('bars');
    expect(result.unit_reason).toBe('1 window(s) have no plan to price them by (cheap, e.g. cheap-5: pass --plan)');
    expect(result.providers.every((summary) => summary.unit === 'pct_5h')).toBe(true);
  });

  it('outside a plan: the defaults, against --baseline or the first provider by name', () => {
    const loose = windows.map((w) => ({ ...w, plan_id: undefined }));
    expect(buildPreviewEfficiency({ ...base, windows: loose })).toMatchObject({
      plan_id: null,
      baseline: 'cheap',
      baseline_source: 'first-by-name',
      alpha: 0.05,
      min_effect: 0.2,
    });
    expect(buildPreviewEfficiency({ ...base, windows: loose, baseline: 'dear' })).toMatchObject({
      baseline: 'dear',
      baseline_source: 'flag',
    });
  });

  it('prints the unit in the heading and "baseline" on the baseline\'s line', () => {
    const { providers, ...efficiency } = buildPreviewEfficiency(base);
    const preview = { providers, efficiency, windows: [], windows_total: 8, anomalies: 0, unreadable_rows: 0, proxy: null };
    const text = renderPreview(preview, { dataDir: '/d' });
    expect(text).toContain("Work per $ (each provider's summed quality over its summed $ of subscription, failures' $ included), plan p1:");
    expect(text).toMatch(/\n {2}dear: n=4 \(of 4 windows\) work=\S+ ci=\S+ \S+ ci_width=\S+ baseline\n/);
    expect(text).toMatch(/\n {2}cheap: n=4 .* power=\S+ \(4 tasks\) quality_ratio=1\n/);
  });
});
