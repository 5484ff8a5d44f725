// The report's charts: axes titled with the unit plotted, scales that hold (and are filled by) the data, labelled bars, the pair asked for.
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { createPriceTable } from '../../budget/prices/index.js';
import type { ReportWindow } from '../../ledger/index.js';
import { makeReportLedger } from '../test-fixtures/make-report-ledger.js';
import { buildChartSpecs, type ChartKey } from './build-chart-specs.js';
import { buildReport, type ReportOptions } from './build-report.js';
import type { ExperimentReport } from './experiment-report.js';
import { describeEfficiencyUnit } from './format-values.js';
import { renderChartSvg } from './render-chart-svg.js';

// No power simulation: no chart reads the report's power plan, and its 400 runs were nearly all of this file's time.
const options: ReportOptions = {
  generatedAt: '2026-11-22T00:00:00.000Z',
  prices: createPriceTable(BUILT_IN_CATALOG),
  tasks: null,
  resamples: 200,
  powerRuns: 0,
};
const TASKS = ['event-emitter-wildcard', 'semver-range-subset', 'csv-line-parser', 'lru-cache-ttl', 'token-bucket', 'ini-parser'];

/** Three providers on every task in rotating order; glm's windows are cheap on odd tasks, so its pairs differ in sign. */
function makeWindows(tasks: number, subscription = false): ReportWindow[] {
  const windows: ReportWindow[] = [];
  let clock = Date.parse('2026-11-21T08:00:00Z');
  const deltas: Record<string, (task: number) => number> = {
    claude: (task) => 10 + (task % 3),
    codex: (task) => 15 + (task % 4),
    glm: (task) => (task % 2 === 0 ? 30 : 4) + (task % 5),
  };
  for (let task = 0; task < tasks; task += 1) {
    const order = [
      ['claude', 'codex', 'glm'],
      ['codex', 'glm', 'claude'],
      ['glm', 'claude', 'codex'],
    ][task % 3] as string[];
    const feature = TASKS[task] ?? `task-${task}`;
    order.forEach((provider, period) => {
      const start = (clock += 60 * 60_000);
      const delta = (deltas[provider] as (task: number) => number)(task);
      // The first task is a tie between claude and codex (the same delta), so one paired bar is exactly 0.
      const equal = task === 0 && provider !== 'glm' ? 12 : delta;
      windows.push({
        agent_id: 'main',
        provider,
        window_id: `${provider}-${feature}`,
        feature_id: feature,
        methodology: 'manual',
        quality: 0.9,
        outcome: 'success',
        errors: [],
        capacity: { unit: 'pct_5h', before: 10 + period * 20, after: 10 + period * 20 + equal, delta: equal },
        started_at: new Date(start).toISOString(),
        ended_at: new Date(start + 40 * 60_000).toISOString(),
        completed_at: new Date(start + 41 * 60_000).toISOString(),
        ...(subscription ? { subscription: { plan: 'claude-max-20x', usd_per_month: 200, priced_at: '2026-11-01' } } : {}),
      });
    });
  }
  return windows;
}

function buildFor(tasks: number, subscription = false): ExperimentReport {
  return buildReport(makeReportLedger(makeWindows(tasks, subscription)), { ...options, providers: ['claude', 'codex', 'glm'] });
}

function chartOf(report: ExperimentReport, key: ChartKey, pair?: [string, string]) {
  const chart = buildChartSpecs(report, { pair }).find((entry) => entry.key === key);
  if (!chart) throw new Error(`no ${key} chart`);
  return chart as unknown as { title: string; spec: TopLevelSpec & Record<string, unknown> };
}

/** The domains vega really uses for the x and y scales of a single-view chart, after compiling and running it. */
async function readDomains(spec: TopLevelSpec): Promise<{ x: unknown[]; y: number[] }> {
  const [vegaLite, vega] = await Promise.all([import('vega-lite'), import('vega')]);
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  await view.runAsync();
  const domains = { x: view.scale('x').domain() as unknown[], y: view.scale('y').domain() as number[] };
  view.finalize();
  return domains;
}

function expectHeldAndFilled(domain: readonly number[], values: readonly number[], fill = 0.75): void {
  const [low, high] = domain as [number, number];
  const lowest = Math.min(...values);
  const highest = Math.max(...values);
  expect(low).toBeLessThanOrEqual(lowest);
  expect(high).toBeGreaterThanOrEqual(highest);
  expect((highest - lowest) / (high - low)).toBeGreaterThanOrEqual(fill);
}

type Layer = { mark: string | { type: string }; encoding?: { text?: { field?: string } }; transform?: unknown[] };
const layersOf = (spec: Record<string, unknown>) => spec.layer as Layer[];
const valuesOf = <T>(spec: Record<string, unknown>) => (spec.data as { values: T[] }).values;

describe('buildChartSpecs', () => {
  it('titles the efficiency axis with the unit plotted: per $ of subscription for priced windows', () => {
    const report = buildFor(6, true);
    expect(report.providers.every((provider) => provider.unit === 'usd')).toBe(true);
    const { spec } = chartOf(report, 'efficiency');
    const rule = layersOf(spec)[0] as unknown as { encoding: { y: { title: string } } };
    expect(rule.encoding.y.title).toBe(describeEfficiencyUnit('usd'));
    expect(rule.encoding.y.title).toBe('quality points per $ of subscription');
  });

  it('gives providers measured in different units a panel each, titled with its unit', async () => {
    const windows = makeWindows(6).map((window) =>
      window.provider === 'glm' ? { ...window, capacity: { unit: 'tokens' as const, before: 0, after: 40_000, delta: 40_000 } } : window,
    );
    const report = buildReport(makeReportLedger(windows), options);
    const { spec } = chartOf(report, 'efficiency');
    const panels = spec.vconcat as { layer: { encoding: { y: { title: string } } }[] }[];
    expect(panels.map((panel) => panel.layer[0]?.encoding.y.title)).toEqual([
      describeEfficiencyUnit('pct_5h'),
      describeEfficiencyUnit('tokens'),
    ]);
    expect(await renderChartSvg(spec)).toContain('quality points per 1M tokens');
  });

  it('titles the paired and looks axes with the pair and its unit', () => {
    const report = buildFor(12);
    const titleOf = (key: 'paired-differences' | 'confidence-sequence') => {
      const layers = layersOf(chartOf(report, key).spec) as { encoding?: { y?: { field?: string; title?: unknown } } }[];
      return layers.find((layer) => layer.encoding?.y?.field !== undefined)?.encoding?.y?.title;
    };
    expect(titleOf('paired-differences')).toEqual([`${report.pairing?.a} - ${report.pairing?.b}`, describeEfficiencyUnit('pct_5h')]);
    expect(titleOf('confidence-sequence')).toEqual([`${report.pairing?.a} / ${report.pairing?.b}`, 'work per 1% (log scale)']);
  });

  it('fits every scale to its data: nothing outside the plot, and the x axis of the looks starts at the first look', async () => {
    const report = buildFor(12);
    const efficiency = chartOf(report, 'efficiency');
    const summaries = report.providers.map((provider) => provider.efficiency);
    expectHeldAndFilled(
      (await readDomains(efficiency.spec)).y,
      summaries.flatMap((e) => [e.low ?? 0, e.high ?? 0, e.mean ?? 0]),
    );

    const paired = chartOf(report, 'paired-differences');
    expectHeldAndFilled((await readDomains(paired.spec)).y, [0, ...valuesOf<{ diff: number }>(paired.spec).map((v) => v.diff)]);

    const sequence = chartOf(report, 'confidence-sequence');
    const path = valuesOf<{ n: number; low: number; high: number; ratio: number }>(sequence.spec);
    const domains = await readDomains(sequence.spec);
    expect(domains.x).toEqual([path[0]?.n, path[path.length - 1]?.n]);
    // A log scale: every point and the relevant band inside the domain.
    const relevant = report.stop.rule.relevant_ratio;
    const [low, high] = domains.y as [number, number];
    for (const value of [1 / relevant, relevant, ...path.flatMap((p) => [p.low, p.high, p.ratio])]) {
      expect(value).toBeGreaterThanOrEqual(low);
      expect(value).toBeLessThanOrEqual(high);
    }

    const capacity = chartOf(report, 'capacity');
    expectHeldAndFilled(
      (await readDomains(capacity.spec)).y,
      valuesOf<{ before: number; after: number }>(capacity.spec).flatMap((v) => [v.before, v.after]),
    );
  });

  it('labels every paired bar with its value (a 0 bar included) and names every task in full', async () => {
    const report = buildFor(6);
    const { spec } = chartOf(report, 'paired-differences', ['claude', 'codex']);
    const values = valuesOf<{ task: string; diff: number; label: string }>(spec);
    expect(values.some((value) => value.diff === 0)).toBe(true);
    const texts = layersOf(spec).filter((layer) => (typeof layer.mark === 'string' ? layer.mark : layer.mark.type) === 'text');
    expect(texts.map((layer) => layer.encoding?.text?.field)).toEqual(['label', 'label']);
    expect(texts.map((layer) => layer.transform)).toEqual([[{ filter: 'datum.diff >= 0' }], [{ filter: 'datum.diff < 0' }]]);
    expect((layersOf(spec)[0] as { encoding: unknown }).encoding).toMatchObject({
      x: { title: 'task (in the order the pairs were completed)' },
    });
    const svg = await renderChartSvg(spec);
    for (const value of values) expect(svg).toContain(`>${value.label}</text>`);
    expect(svg).toContain('>event-emitter-wildcard</text>');
    expect(svg).not.toContain('…');
  });

  it('numbers the bars when there are too many to name, rather than leaving the axis bare', () => {
    const report = buildFor(14);
    expect(report.windows.recent.length).toBe(42);
    const capacity = chartOf(report, 'capacity');
    const x = (capacity.spec.encoding as { x: { axis: { labels?: boolean }; title: string } }).x;
    expect(x.axis.labels).not.toBe(false);
    expect(valuesOf<{ window: string }>(capacity.spec).map((v) => v.window)).toEqual(
      Array.from({ length: 42 }, (_, index) => String(index + 1)),
    );
  });

  it('draws the paired differences of the pair it is given, in either order, and of a pair the secondary analyses did not choose', () => {
    const report = buildFor(12);
    const [a, b] = [report.comparison?.a as string, report.comparison?.b as string];
    const byDefault = chartOf(report, 'paired-differences');
    expect(byDefault.title).toBe(`Paired differences per task, ${a} - ${b}`);
    const reversed = chartOf(report, 'paired-differences', [b, a]);
    expect(reversed.title).toBe(`Paired differences per task, ${b} - ${a}`);
    const diffs = (chart: { spec: Record<string, unknown> }) => valuesOf<{ diff: number }>(chart.spec).map((v) => v.diff);
    expect(diffs(reversed)).toEqual(diffs(byDefault).map((diff) => -diff));
    const third = ['claude', 'codex', 'glm'].find((provider) => provider !== a && provider !== b) as string;
    const other = chartOf(report, 'paired-differences', [third, a]);
    expect(other.title).toBe(`Paired differences per task, ${third} - ${a}`);
    const windows = report.windows.recent;
    const efficiencyOf = (provider: string, task: string) =>
      windows.find((window) => window.provider === provider && window.feature_id === task)?.efficiency as number;
    for (const value of valuesOf<{ task: string; diff: number }>(other.spec))
      expect(value.diff).toBeCloseTo(efficiencyOf(third, value.task) - efficiencyOf(a, value.task), 12);
    expect(valuesOf(other.spec)).toHaveLength(12);
  });
});
