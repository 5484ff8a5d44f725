// Vega-Lite specs of the report's four charts, built from the report's numbers: pure (rendering is render-chart-svg.ts).
import type { TopLevelSpec } from 'vega-lite';
import type { EfficiencyUnit } from '../../ledger/index.js';
import { buildPairedChart, buildSequenceChart } from './build-pair-charts.js';
import {
  CHART_BASE,
  CHART_HEIGHT,
  CHART_SHELL,
  CHART_WIDTH,
  type ChartSpec,
  describeBarAxis,
  fitScale,
  MAX_BARS,
  MAX_LABELS,
} from './chart-layout.js';
import type { ExperimentReport } from './experiment-report.js';
import { describeEfficiencyUnit, formatNumber, formatUnit } from './format-values.js';

export type { ChartKey, ChartSpec } from './chart-layout.js';

export interface ChartOptions {
  /**
   * The two providers the paired-differences chart shows, as A - B (e.g. the pair the verdict names). Default:
   * the pair of the secondary analyses (`report.comparison`). Another pair is paired from the report's windows.
   */
  pair?: readonly [string, string] | undefined;
}

/** The charts the report's data allows, in the order the report shows them. */
export function buildChartSpecs(report: ExperimentReport, options: ChartOptions = {}): ChartSpec[] {
  return [
    buildEfficiencyChart(report),
    buildPairedChart(report, options.pair),
    buildSequenceChart(report),
    buildCapacityChart(report),
  ].filter((chart): chart is ChartSpec => chart !== null);
}

/**
 * Mean and interval per provider, one panel per efficiency unit: a provider measured per $ and one per 1M tokens
 * cannot share an axis, and each axis is titled with the unit it plots.
 */
function buildEfficiencyChart(report: ExperimentReport): ChartSpec | null {
  const measured = report.providers.filter((summary) => summary.efficiency.mean !== null);
  if (measured.length === 0) return null;
  const title = `Work ${formatUnit(report.settings.unit === 'usd' ? 'usd' : null)} per provider (sum of quality over sum of cost) and ${Math.round(report.settings.confidence * 100)}% CI`;
  const units = [...new Set(measured.map((summary) => summary.unit))];
  const panels = units.map((unit) =>
    buildEfficiencyPanel(
      measured.filter((summary) => summary.unit === unit),
      unit,
    ),
  );
  const [only] = panels;
  const spec = (
    panels.length === 1 && only ? { ...CHART_BASE, title, ...only } : { ...CHART_SHELL, title, vconcat: panels }
  ) satisfies TopLevelSpec;
  return { key: 'efficiency', title, spec };
}

function buildEfficiencyPanel(summaries: ExperimentReport['providers'], unit: EfficiencyUnit) {
  const values = summaries.map(({ provider, efficiency }) => {
    const mean = efficiency.mean as number;
    return {
      provider,
      mean,
      low: efficiency.low ?? mean,
      high: efficiency.high ?? mean,
      label: `${formatNumber(mean)} (n=${efficiency.n}${efficiency.low === null ? ', ci=n/a' : ''})`,
    };
  });
  const x = { field: 'provider', type: 'nominal', title: null, axis: { labelAngle: 0 } } as const;
  const scale = fitScale(values.flatMap((value) => [value.low, value.high, value.mean]));
  const y = { type: 'quantitative', title: describeEfficiencyUnit(unit), scale } as const;
  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values },
    layer: [
      { mark: { type: 'rule' as const, strokeWidth: 2 }, encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' } } },
      { mark: { type: 'point' as const, filled: true, size: 90 }, encoding: { x, y: { ...y, field: 'mean' } } },
      {
        mark: { type: 'text' as const, dx: 10, align: 'left' as const, baseline: 'middle' as const },
        encoding: { x, y: { ...y, field: 'mean' }, text: { field: 'label' } },
      },
    ],
  };
}

function buildCapacityChart(report: ExperimentReport): ChartSpec | null {
  const withBars = report.windows.recent.filter((window) => window.capacity_before !== null && window.capacity_after !== null);
  const unit = withBars.some((window) => window.capacity_unit === 'pct_5h') ? 'pct_5h' : 'tokens';
  const shown = withBars.filter((window) => window.capacity_unit === unit).slice(-MAX_BARS);
  if (shown.length === 0) return null;
  const axis = describeBarAxis(shown.length, 'window (in the order completed)');
  // Named by task and provider when there is room (window ids share a long plan prefix, so they all looked alike).
  const named = shown.length <= MAX_LABELS;
  const values = shown.map((window, index) => ({
    window: named ? `${index + 1}. ${window.feature_id ?? window.window_id} · ${window.provider}` : String(index + 1),
    order: index,
    before: window.capacity_before as number,
    after: window.capacity_after as number,
    provider: window.provider,
    // Not drawn: the viewer opens this arm when the bar is clicked.
    window_id: window.window_id,
  }));
  const title = `Capacity over each window, before to after${shown.length < report.windows.completed ? ` (latest ${shown.length})` : ''}`;
  // A scale that fits the data: deltas of a few points vanish on a 0-100 axis.
  const scale = fitScale(values.flatMap((value) => [value.before, value.after]));
  return {
    key: 'capacity',
    title,
    spec: {
      ...CHART_BASE,
      title,
      data: { values },
      mark: { type: 'bar', width: { band: 0.7 } },
      encoding: {
        x: { field: 'window', type: 'ordinal', sort: { field: 'order', op: 'min' }, ...axis },
        y: {
          field: 'before',
          type: 'quantitative',
          title: unit === 'pct_5h' ? '% of the 5h window used' : 'tokens used',
          scale,
        },
        y2: { field: 'after' },
        color: { field: 'provider', type: 'nominal' },
      },
    },
  };
}
