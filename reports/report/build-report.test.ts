import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { createPriceTable } from '../../budget/prices/index.js';
import type { PreviewRow, ReportWindow } from '../../ledger/index.js';
import { buildChartSpecs } from './build-chart-specs.js';
import { buildReport, type ReportOptions } from './build-report.js';
import { renderChartSvg } from './render-chart-svg.js';
import { renderReportMarkdown } from './render-report-markdown.js';
import { makePreviewRow } from '../test-fixtures/make-preview-row.js';
import { makeReportLedger } from '../test-fixtures/make-report-ledger.js';
import { makeReportWindow } from '../test-fixtures/make-report-window.js';

let clock = Date.parse('2026-11-21T08:00:00Z');
function window(provider: string, feature: string, delta: number, quality: number): ReportWindow {
  return makeReportWindow(provider, feature, delta, (clock += 60 * 60_000), quality);
}

/**
 * Both solve every task, claude with 10% of the window, codex with 20%: claude is planted about twice as efficient. (A
 * gap of 1.5 at quality 0.9 decided within 10 tasks before the quality floor; 10 tasks both passed leave room for
 * either to fail 1 in 7, read-paired-ratio.ts.)
 */
function planted(tasks: number): ReportWindow[] {
  const windows: ReportWindow[] = [];
  for (let i = 0; i < tasks; i += 1) {
    const first = window(i % 2 === 0 ? 'claude' : 'codex', `T${i}`, i % 2 === 0 ? 10 + (i % 3) : 20 + (i % 4), 1);
    const second = window(i % 2 === 0 ? 'codex' : 'claude', `T${i}`, i % 2 === 0 ? 20 + (i % 4) : 10 + (i % 3), 1);
    windows.push(first, second);
  }
  return windows;
}

const options: ReportOptions = {
  generatedAt: '2026-11-22T00:00:00.000Z',
  prices: createPriceTable(BUILT_IN_CATALOG),
  tasks: null,
  resamples: 500,
};
/** For the tests that read neither the verdict nor the power plan: its simulation was most of their time. */
const NO_POWER: ReportOptions = { ...options, powerRuns: 0 };

describe('buildReport', () => {
  it('prints ci=n/a for a provider with fewer than 3 windows with capacity, and no verdict without a second provider', () => {
    const report = buildReport(makeReportLedger([window('claude', 'T1', 10, 1), window('claude', 'T2', 20, 1)]), options);
    const markdown = renderReportMarkdown(report);
    expect(report.providers[0]?.efficiency.n).toBe(2);
    // Work per unit is the sum of quality over the sum of the bar used: 2 / 30, not the mean of 0.1 and 0.05.
    expect(report.providers[0]?.efficiency.mean).toBeCloseTo(2 / 30, 12);
    expect(report.providers[0]?.efficiency.low).toBeNull();
    expect(markdown).toContain('## Providers');
    expect(report.verdict.startsWith('**No verdict yet:** fewer than two providers')).toBe(true);
  });

  it('names the provider ahead in its first words, with the primary interval, whichever order the pair is given in', () => {
    const report = buildReport(makeReportLedger(planted(14)), { ...options, providers: ['claude', 'codex'] });
    expect(report.comparison?.crossover?.treatment.estimate).toBeGreaterThan(0);
    // Measured: decided at 12 tasks, the anytime interval 1.1 to 4.6.
    expect(report.verdict).toMatch(
      /^\*\*claude is ahead:\*\* it did more correct work per 1% than codex on 14 tasks; against codex: claude does \d\.\d+x codex's correct work per 1% \(anytime 95% interval 1\.\d+ to \d\.\d+\), decided at \d+ of 14 tasks/,
    );
    // Two lines, then the detail: the headline and the next step a reader acts on.
    const [headline, next] = report.verdict.split('\n');
    expect(next).toMatch(/^Next: keep your current plans \(stay lean\)/);
    expect(headline?.length).toBeLessThan(300);
    expect(report.verdict).toContain('(not pre-registered: chosen by the report)');
    // The sequence learns the second provider's work per $ as its nuisance, so the order the plan lists a pair in can
    // move the task it is decided at (measured: 12 as claude, codex; 16 as codex, claude), never the side.
    const reversed = buildReport(makeReportLedger(planted(16)), { ...options, providers: ['codex', 'claude'] });
    expect(reversed.verdict.startsWith('**claude is ahead:**')).toBe(true);
    expect(reversed.primary.pairs[0]).toMatchObject({ a: 'codex', b: 'claude', outcome: 'b-ahead' });
  });

  it("names carry-over in the advice when a provider does more running after the other on a task (the decision's own tasks)", () => {
    const windows: ReportWindow[] = [];
    for (let i = 0; i < 24; i += 1) {
      // Equal work per 1% alone; claude spends half when it runs second (odd tasks): one-sided carry-over.
      const codex = (): ReportWindow => window('codex', `T${i}`, 10 + (i % 3), 1);
      const claude = (): ReportWindow => window('claude', `T${i}`, (10 + ((i * 2) % 3)) * (i % 2 === 1 ? 0.5 : 1), 1);
      if (i % 2 === 0) windows.push(claude(), codex());
      else windows.push(codex(), claude());
    }
    const report = buildReport(makeReportLedger(windows), { ...NO_POWER, providers: ['claude', 'codex'] });
    const check = report.comparison?.carry_over;
    expect(check?.found).toBe(true);
    expect(check?.bias).toBeCloseTo(Math.SQRT2, 1);
    expect(report.verdict.split('\n')[1]).toMatch(/the order of the arms changed the result .*claude did more when it ran after the other/);
    expect(renderReportMarkdown(report)).toMatch(/- Carry-over on work per unit .*\*\*the order of the arms matters\*\*.*80% power/);
  });

  it('says no provider is ahead yet and how many more tasks would settle it, then the seat decision', () => {
    const noisy = planted(4).map((entry, i) => ({
      ...entry,
      capacity: {
        unit: 'pct_5h' as const,
        before: 0,
        after: [10, 14, 16, 9, 11, 15, 13, 12][i] ?? 10,
        delta: [10, 14, 16, 9, 11, 15, 13, 12][i] ?? 10,
      },
    }));
    const report = buildReport(makeReportLedger(noisy), options);
    expect(report.verdict).toMatch(/^\*\*No provider is ahead yet\*\* on 4 tasks: the closest pair, /);
    expect(report.verdict).toMatch(
      /\nNext: keep your current plans \(stay lean\); the 12 planned tasks can tell apart providers \d+(\.\d+)?x apart; about \d+ more tasks would settle a 20% difference between /,
    );
    expect(report.verdict).toContain('Seat decision: stay lean (G1 not evaluable: 0 recorded previews');
    expect(report.verdict).toContain(
      'G2 not evaluable: no backlog given (experiment report --tasks DIR), G3 not evaluable: no feature has sub-agent requests',
    );
    const markdown = renderReportMarkdown(report);
    expect(markdown.indexOf('**No provider is ahead yet**')).toBeLessThan(markdown.indexOf('## Primary analysis'));
    for (const heading of [
      '## Primary analysis',
      '## Providers',
      '## Secondary analyses',
      '## Power and sample size',
      '## Stop rules',
      '## Seat decision',
      '## Anomalies',
      '## Proxy',
      '## Budget',
      '## Capacity per window',
    ])
      expect(markdown).toContain(heading);
    expect(markdown).toContain('**G2, work is waiting for capacity:**');
  });

  it('says add one seat when G1 and G2 pass, and names Claude Max while the POC is not evaluable', () => {
    const summary = {
      provider: 'claude',
      unit: 'pct_5h' as const,
      windows: 9,
      n: 9,
      mean_efficiency: 0.09,
      ci_low: 0.08,
      ci_high: 0.1,
      ci_width: 0.22,
      power: 0.9,
      quality_ratio: 1,
    };
    // The second preview has one more window: G1 reads previews with new windows between them.
    // G1 compares previews of one unit and one baseline (the fixture's: bars, codex), and never judges the baseline itself.
    const preview = (id: string, more = 0): PreviewRow =>
      makePreviewRow(id, { providers: [{ ...summary, windows: summary.windows + more }] });
    const tasks = [
      { task_id: 'a', status: 'ready', blocked_by: ['capacity'] },
      { task_id: 'b', status: 'ready', blocked_by: ['capacity'] },
    ];
    // The previews were recorded against codex: the report is asked for the same baseline, so G1 reads them.
    const report = buildReport(makeReportLedger(planted(4), [preview('p1'), preview('p2', 1)]), { ...options, tasks, baseline: 'codex' });
    expect(report.decision).toMatchObject({ decision: 'add-seat', seat: 'claude' });
    expect(report.verdict).toContain('Seat decision: add one seat (Claude Max) (G1 pass, G2 pass, G3 not evaluable');
  });

  it('builds four chart specs that render to SVG headlessly', async () => {
    // The betting sequence has no finite bound before 7 paired tasks: 8 draw every chart.
    const report = buildReport(makeReportLedger(planted(8)), NO_POWER);
    const charts = buildChartSpecs(report);
    expect(charts.map((chart) => chart.key)).toEqual(['efficiency', 'paired-differences', 'confidence-sequence', 'capacity']);
    const svg = await renderChartSvg(charts[0]?.spec as NonNullable<(typeof charts)[0]>['spec']);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('claude');
    const markdown = renderReportMarkdown(report, { efficiency: 'report-efficiency.svg' });
    expect(markdown).toContain('](report-efficiency.svg)');
    expect(markdown).not.toContain('](report-capacity.svg)');
  });

  it('prices windows with a plan in dollars and still draws their capacity, labelled by task and provider', () => {
    const priced = planted(4).map((entry) => ({
      ...entry,
      subscription: { plan: 'claude-max-20x', usd_per_month: 200, priced_at: '2026-11-01' },
    }));
    const report = buildReport(makeReportLedger(priced), NO_POWER);
    expect(report.settings.unit).toBe('usd');
    expect(report.providers.every((provider) => provider.unit === 'usd' && provider.usd_used !== null)).toBe(true);
    const capacity = buildChartSpecs(report).find((chart) => chart.key === 'capacity');
    const values = (capacity?.spec as { data: { values: { window: string }[] } } | undefined)?.data.values ?? [];
    expect(values[0]?.window).toBe('1. T0 · claude');
  });

  it('with three providers and a registered plan, names the one ahead of both others from the Holm-adjusted model', () => {
    // A Williams design for 3 (sequences ABC, BCA, CAB, ACB, BAC, CBA), claude the most efficient by far.
    const sequences = [
      ['claude', 'codex', 'glm'],
      ['codex', 'glm', 'claude'],
      ['glm', 'claude', 'codex'],
      ['claude', 'glm', 'codex'],
      ['codex', 'claude', 'glm'],
      ['glm', 'codex', 'claude'],
    ];
    const base: Record<string, number> = { claude: 10, codex: 16, glm: 17 };
    const windows: ReportWindow[] = [];
    for (let task = 0; task < 30; task += 1) {
      (sequences[task % 6] as string[]).forEach((provider, period) => {
        const delta = (base[provider] as number) + ((task * 7 + period * 3) % 5) / 5;
        windows.push({ ...window(provider, `T${task}`, delta, 0.9), plan_id: 'plan-w', period: period + 1 });
      });
    }
    const registered = {
      id: 'r1',
      kind: 'analysis-plan' as const,
      ts: '2026-11-21T07:00:00.000Z',
      schema_version: 1,
      tool_version: '0.1.0',
      source: 'runner' as const,
      agent_id: 'main',
      plan_id: 'plan-w',
      providers: ['claude', 'codex', 'glm'],
      estimand: 'bars' as const,
      method: 'crossover' as const,
      alpha: 0.05,
      min_effect: 0.2,
      planned_tasks: 30,
      reference: null,
    };
    const report = buildReport({ ...makeReportLedger(windows), analysisPlans: [registered] }, options);
    expect(report.analysis).toMatchObject({ registered: true, plan_id: 'plan-w', providers: ['claude', 'codex', 'glm'] });
    // Registered before task budgets: bounded by each side's dearest arm, and said so.
    expect(report.analysis.deviations).toEqual([expect.stringMatching(/^the plan registered no task budget/)]);
    expect(report.primary.pairs).toHaveLength(3);
    expect(report.primary.leader).toBe('claude');
    expect(report.verdict).toMatch(
      /^\*\*claude is ahead:\*\* it did more correct work per 1% than every other provider on 30 tasks; against (codex|glm): claude does \d\.\d+x (codex|glm)'s correct work per 1% \(anytime 95% interval/,
    );
    expect(report.verdict).toContain('pre-registered with plan plan-w');
    const markdown = renderReportMarkdown(report);
    expect(markdown).toContain('| claude / glm ');
  });

  it('gives a provider that mostly fails a work-per-unit interval above 0 (log scale), the costs of its failures counted', () => {
    // codex fails 8 of 10 tasks (quality 0): a t interval on per-task efficiencies reached below 0.
    const quality = [0, 0, 0, 0, 0.9, 0, 0, 0, 0, 0.9];
    const windows = quality.flatMap((q, i) => [window('claude', `Z${i}`, 10, 0.9), window('codex', `Z${i}`, 2 + (i % 3), q)]);
    const report = buildReport(makeReportLedger(windows), NO_POWER);
    const codex = report.providers.find((p) => p.provider === 'codex');
    const spent = quality.reduce((sum, _q, i) => sum + 2 + (i % 3), 0);
    expect(codex?.efficiency.mean).toBeCloseTo(1.8 / spent, 12);
    expect(codex?.efficiency.low).toBeGreaterThan(0);
  });
});
