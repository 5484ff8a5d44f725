// A registered plan's report is a function of that plan's rows: unrelated plans never move it; the runner's stop is stated.
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { createPriceTable } from '../../budget/prices/index.js';
import { buildSequentialRule, type AnalysisPlanRow, type ReportWindow, type RunStopRow } from '../../ledger/index.js';
import { makeReportLedger } from '../test-fixtures/make-report-ledger.js';
import { makeReportWindow } from '../test-fixtures/make-report-window.js';
import { buildReport, type ReportOptions } from './build-report.js';
import { renderReportMarkdown } from './render-report-markdown.js';

const stamp = { schema_version: 1, tool_version: 'test', source: 'runner' as const, agent_id: 'main' };

function window(plan: string, provider: string, task: number, delta: number, quality = 0.9): ReportWindow {
  const at = Date.parse('2026-11-21T08:00:00Z') + (task * 2 + (provider === 'a' ? 0 : 1)) * 3_600_000 + (plan === 'plan-1' ? 0 : 1e9);
  const aFirst = task % 2 === 0;
  return {
    ...makeReportWindow(provider, `T${task}`, delta, at, quality),
    window_id: `${plan}-${provider}-${task}`,
    plan_id: plan,
    period: (provider === 'a') === aFirst ? 1 : 2,
    sequence: aFirst ? 'AB' : 'BA',
  };
}

function plan(planId: string, providers: string[]): AnalysisPlanRow {
  return {
    ...stamp,
    id: `row-${planId}`,
    kind: 'analysis-plan',
    ts: '2026-11-21T07:00:00Z',
    plan_id: planId,
    providers,
    estimand: 'bars',
    method: 'crossover',
    alpha: 0.05,
    min_effect: 0.2,
    planned_tasks: 16,
    reference: null,
    statistic: 'share-gap',
    sequential: buildSequentialRule({
      providers: providers.length,
      alpha: 0.05,
      minEffect: 0.2,
      plannedTasks: 16,
      enabled: true,
    }),
  };
}

const options: ReportOptions = {
  generatedAt: '2026-11-22T00:00:00.000Z',
  prices: createPriceTable(BUILT_IN_CATALOG),
  tasks: null,
  resamples: 500,
};
// Both solve every task, b at about 2.4 times a's bar: the sequence decides it within 12 tasks.
const planOne = Array.from({ length: 16 }, (_, task) => [
  window('plan-1', 'a', task, 10 + (task % 3), 1),
  window('plan-1', 'b', task, 25 + (task % 4), 1),
]).flat();
// Another plan on the same providers with the opposite result, arriving later in the same data dir.
const planTwo = Array.from({ length: 8 }, (_, task) => [window('plan-2', 'a', task, 30 + task), window('plan-2', 'b', task, 6)]).flat();

describe('a plan-scoped report', () => {
  it('is byte-identical after another plan, its analysis and a later wall clock arrive', () => {
    const alone = renderReportMarkdown(
      buildReport({ ...makeReportLedger(planOne), analysisPlans: [plan('plan-1', ['a', 'b'])] }, { ...options, planId: 'plan-1' }),
    );
    const crowded = buildReport(
      { ...makeReportLedger([...planOne, ...planTwo]), analysisPlans: [plan('plan-1', ['a', 'b']), plan('plan-2', ['a', 'b'])] },
      { ...options, planId: 'plan-1', generatedAt: '2026-12-01T00:00:00.000Z' },
    );
    expect(renderReportMarkdown(crowded)).toBe(alone);
    expect(alone).toContain('**a is ahead:**');
  });

  it('pools every plan only when asked, and says so as a deviation', () => {
    const pooled = buildReport(
      { ...makeReportLedger([...planOne, ...planTwo]), analysisPlans: [plan('plan-1', ['a', 'b'])] },
      { ...options, planId: 'plan-1', pool: true },
    );
    expect(pooled.windows.completed).toBe(48);
    expect(pooled.analysis.deviations).toContain("every window of the data dir pooled (--pool), not only the plan's");
  });

  it('states the stop the runner recorded instead of recomputing it', () => {
    const stop: RunStopRow = {
      ...stamp,
      id: 'stop-1',
      kind: 'run-stop',
      ts: '2026-11-21T20:00:00Z',
      plan_id: 'plan-1',
      rule: 'sequential',
      reason: 'sequential rule on the share gap, every pair settled: a vs b: a ahead',
      provider: null,
      pairs: [{ a: 'a', b: 'b', decision: 'superiority-A', low: 0.05, high: 0.4, tasks: 12 }],
      arms_done: 24,
      arms_not_started: 8,
      unit: 'bars',
    };
    const report = buildReport(
      { ...makeReportLedger(planOne.slice(0, 24)), analysisPlans: [plan('plan-1', ['a', 'b'])], runStops: [stop] },
      { ...options, planId: 'plan-1' },
    );
    expect(report.stop.recorded).toEqual(stop);
    const markdown = renderReportMarkdown(report);
    expect(markdown).toContain('**The run stopped early** at 2026-11-21T20:00:00Z: the pre-registered decision rule');
    expect(markdown).toContain('24 arms had run and 8 were never started');
    expect(markdown).not.toContain('all planned tasks ran, no early stop');
    // The decision is the same procedure on the same tasks the runner stopped on; the verdict says the rule stopped it.
    expect(report.verdict).toContain('The pre-registered rule stopped the run early, once it was decided.');
    expect(report.verdict).toMatch(
      /\nNext: keep your current plans \(stay lean\) until the seat gates hold .*the question this plan asked is settled/,
    );
  });
});
