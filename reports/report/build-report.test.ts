import { describe, expect, it } from 'vitest';
import { createPriceTable } from '../../budget/price-table.js';
import type { PreviewRow, ReportLedger, ReportWindow } from '../../ledger/index.js';
import { buildChartSpecs } from './build-chart-specs.js';
import { buildReport, type ReportOptions } from './build-report.js';
import { renderChartSvg } from './render-chart-svg.js';
import { renderReportMarkdown } from './render-report-markdown.js';

let clock = Date.parse('2026-11-21T08:00:00Z');
function window(provider: string, feature: string, delta: number, quality: number): ReportWindow {
  const start = (clock += 60 * 60_000);
  return {
    agent_id: 'main', provider, window_id: `${provider}-${feature}`, feature_id: feature, methodology: 'manual', quality, outcome: 'success', errors: [],
    capacity: { unit: 'pct_5h', before: 10, after: 10 + delta, delta }, started_at: new Date(start).toISOString(), ended_at: new Date(start + 40 * 60_000).toISOString(),
    completed_at: new Date(start + 41 * 60_000).toISOString(),
  };
}

function ledger(windows: ReportWindow[], previews: PreviewRow[] = []): ReportLedger {
  return { dataDir: '/data', windows, anomalies: [], previews, telemetry: [], budgetEvents: [], skipped: [], skippedCount: 0, tornTails: [] };
}

/** claude reaches quality 0.9 with 10% of the window, codex with 15%: claude is planted ~50% more efficient. */
function planted(tasks: number): ReportWindow[] {
  const windows: ReportWindow[] = [];
  for (let i = 0; i < tasks; i += 1) {
    const first = window(i % 2 === 0 ? 'claude' : 'codex', `T${i}`, i % 2 === 0 ? 10 + (i % 3) : 15 + (i % 4), 0.9);
    const second = window(i % 2 === 0 ? 'codex' : 'claude', `T${i}`, i % 2 === 0 ? 15 + (i % 4) : 10 + (i % 3), 0.9);
    windows.push(first, second);
  }
  return windows;
}

const options: ReportOptions = { generatedAt: '2026-11-22T00:00:00.000Z', prices: createPriceTable(), tasks: null, resamples: 500 };

describe('buildReport', () => {
  it('prints ci=n/a for a provider with fewer than 3 windows with capacity', () => {
    const report = buildReport(ledger([window('claude', 'T1', 10, 1), window('claude', 'T2', 20, 1)]), options);
    const markdown = renderReportMarkdown(report);
    expect(report.providers[0]?.efficiency.n).toBe(2);
    expect(markdown).toMatch(/\| claude +\| % 5h \| +2 \| +2 \| +0\.075 \| ci=n\/a/);
    expect(report.verdict).toContain('ci=n/a');
  });

  it('reports a planted difference with the right sign, in the verdict and the crossover', () => {
    const report = buildReport(ledger(planted(10)), { ...options, providers: ['claude', 'codex'] });
    expect(report.comparison?.crossover?.treatment.estimate).toBeGreaterThan(0);
    expect(report.verdict).toMatch(/claude - codex = \+0\.0\d+ per 1%.*claude is more efficient than codex/);
    const reversed = buildReport(ledger(planted(10)), { ...options, providers: ['codex', 'claude'] });
    expect(reversed.verdict).toMatch(/codex - claude = -0\.0\d+ per 1%.*claude is more efficient than codex/);
  });

  it('opens the verdict with the decision and states every gate as evaluated', () => {
    const report = buildReport(ledger(planted(4)), options);
    expect(report.decision.decision).toBe('stay-lean');
    expect(report.verdict.startsWith('**Stay lean.**')).toBe(true);
    expect(report.verdict).toContain('Gates: G1 not evaluable, G2 not evaluable (no backlog given (--tasks DIR)), G3 not evaluable');
    const markdown = renderReportMarkdown(report);
    expect(markdown.indexOf(report.verdict)).toBeLessThan(markdown.indexOf('## Providers'));
    for (const heading of ['## Providers', '## Crossover', '## Power and sample size', '## Stop rules', '## Gates', '## Anomalies', '## Proxy', '## Budget', '## Capacity per window']) expect(markdown).toContain(heading);
  });

  it('says add one seat when G1 and G2 pass, and names Claude Max while the POC is not evaluable', () => {
    const summary = { provider: 'claude', unit: 'pct_5h' as const, windows: 9, n: 9, mean_efficiency: 0.09, ci_low: 0.08, ci_high: 0.1, ci_width: 0.22, power: 0.9, quality_ratio: 1 };
    // The second preview has one more window: G1 reads previews with new windows between them.
    const preview = (id: string, more = 0): PreviewRow => ({ id, kind: 'preview', ts: '2026-11-21T10:00:00Z', schema_version: 1, tool_version: '0.1.0', source: 'manual', agent_id: 'main', providers: [{ ...summary, windows: summary.windows + more }], anomalies: 0 });
    const tasks = [{ task_id: 'a', status: 'ready', blocked_by: ['capacity'] }, { task_id: 'b', status: 'ready', blocked_by: ['capacity'] }];
    const report = buildReport(ledger(planted(4), [preview('p1'), preview('p2', 1)]), { ...options, tasks });
    expect(report.decision).toMatchObject({ decision: 'add-seat', seat: 'claude' });
    expect(report.verdict.startsWith('**Add one seat: Claude Max.**')).toBe(true);
    expect(report.verdict).toContain('Gates: G1 pass, G2 pass, G3 not evaluable');
  });

  it('builds four chart specs that render to SVG headlessly', async () => {
    const report = buildReport(ledger(planted(6)), options);
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
    const priced = planted(4).map((entry) => ({ ...entry, subscription: { plan: 'claude-max-20x', usd_per_month: 200, priced_at: '2026-11-01' } }));
    const report = buildReport(ledger(priced), options);
    expect(report.settings.unit).toBe('usd');
    expect(report.providers.every((provider) => provider.unit === 'usd' && provider.usd_used !== null)).toBe(true);
    const capacity = buildChartSpecs(report).find((chart) => chart.key === 'capacity');
    const values = (capacity?.spec as { data: { values: { window: string }[] } } | undefined)?.data.values ?? [];
    expect(values[0]?.window).toBe('1. T0 · claude');
  });
});
