// Vega-Lite specs of the report's four charts, built from the report's numbers: pure (rendering is render-chart-svg.ts).
import type { TopLevelSpec } from 'vega-lite';
import { SEQUENTIAL_MIN_N } from '../stats/stop-rules.js';
import type { ExperimentReport } from './experiment-report.js';
import { formatNumber } from './format-values.js';

export type ChartKey = 'efficiency' | 'paired-differences' | 'confidence-sequence' | 'capacity';

export interface ChartSpec {
  key: ChartKey;
  title: string;
  spec: TopLevelSpec;
}

const WIDTH = 560;
const HEIGHT = 260;
/** Bars beyond this many would be unreadable: the latest ones are drawn and the title says so. */
const MAX_BARS = 150;
/** Above this many bars the x labels would overlap: they are left out (the order is in the axis title). */
const MAX_LABELS = 30;
const BASE = {
  width: WIDTH,
  height: HEIGHT,
  background: 'white',
  config: { font: 'Helvetica, Arial, sans-serif', axis: { labelLimit: 160 } },
} as const;

/** The charts the report's data allows, in the order the report shows them. */
export function buildChartSpecs(report: ExperimentReport): ChartSpec[] {
  return [buildEfficiencyChart(report), buildPairedChart(report), buildSequenceChart(report), buildCapacityChart(report)].filter(
    (chart): chart is ChartSpec => chart !== null,
  );
}

function buildEfficiencyChart(report: ExperimentReport): ChartSpec | null {
  const values = report.providers
    .filter((summary) => summary.efficiency.mean !== null)
    .map((summary) => ({
      provider: summary.unit === 'tokens' ? `${summary.provider} (per 1M tok)` : summary.provider,
      mean: summary.efficiency.mean,
      low: summary.efficiency.low ?? summary.efficiency.mean,
      high: summary.efficiency.high ?? summary.efficiency.mean,
      label: `n=${summary.efficiency.n}${summary.efficiency.low === null ? ', ci=n/a' : ''}`,
    }));
  if (values.length === 0) return null;
  const title = `Efficiency per provider, mean and ${Math.round(report.settings.confidence * 100)}% CI`;
  const x = { field: 'provider', type: 'nominal', title: null, axis: { labelAngle: 0 } } as const;
  return {
    key: 'efficiency',
    title,
    spec: {
      ...BASE,
      title,
      data: { values },
      layer: [
        {
          mark: { type: 'rule', strokeWidth: 2 },
          encoding: {
            x,
            y: { field: 'low', type: 'quantitative', title: 'quality per 1% of the 5h window', scale: { zero: false } },
            y2: { field: 'high' },
          },
        },
        { mark: { type: 'point', filled: true, size: 90 }, encoding: { x, y: { field: 'mean', type: 'quantitative' } } },
        {
          mark: { type: 'text', dx: 30, align: 'left' },
          encoding: { x, y: { field: 'mean', type: 'quantitative' }, text: { field: 'label' } },
        },
      ],
    },
  };
}

function buildPairedChart(report: ExperimentReport): ChartSpec | null {
  const comparison = report.comparison;
  if (!comparison || comparison.pairs.length === 0) return null;
  const shown = comparison.pairs.slice(-MAX_BARS);
  const features = new Set(shown.map((pair) => pair.feature_id));
  const label = (pair: (typeof shown)[number]) => (features.size === shown.length ? pair.feature_id : pair.subject);
  const values = shown.map((pair, index) => ({
    task: label(pair),
    order: index,
    diff: pair.diff,
    ahead: pair.diff >= 0 ? comparison.a : comparison.b,
  }));
  const latest = shown.length < comparison.pairs.length ? ` (latest ${shown.length} of ${comparison.pairs.length})` : '';
  const title = `Paired differences per task, ${comparison.a} - ${comparison.b}${latest}`;
  return {
    key: 'paired-differences',
    title,
    spec: {
      ...BASE,
      title,
      data: { values },
      layer: [
        {
          mark: 'bar',
          encoding: {
            x: {
              field: 'task',
              type: 'ordinal',
              sort: { field: 'order' },
              title: 'task (in the order pairs were complete)',
              axis: shown.length > MAX_LABELS ? { labels: false, ticks: false } : { labelAngle: -45 },
            },
            y: { field: 'diff', type: 'quantitative', title: 'efficiency difference (A - B)' },
            color: { field: 'ahead', type: 'nominal', title: 'ahead', scale: { domain: [comparison.a, comparison.b] } },
          },
        },
        { mark: { type: 'rule' as const, color: 'black' }, encoding: { y: { datum: 0 } } },
      ],
    },
  };
}

function buildSequenceChart(report: ExperimentReport): ChartSpec | null {
  const path = report.stop.path.filter((point) => Number.isFinite(point.low) && Number.isFinite(point.high));
  if (path.length === 0 || !report.pairing) return null;
  const title = `Confidence sequence of ${report.pairing.a} - ${report.pairing.b} (${Math.round(report.settings.confidence * 100)}%, valid at every look)`;
  const x = { field: 'n', type: 'quantitative', title: 'paired tasks so far', axis: { tickMinStep: 1, format: 'd' } } as const;
  const margin = report.plan?.relevant_difference ?? 0;
  const first = path[0]?.n ?? 0;
  const stop = findStopPoint(path, margin, report.pairing.a, report.pairing.b);
  return {
    key: 'confidence-sequence',
    title,
    spec: {
      ...BASE,
      title,
      data: { values: path },
      layer: [
        ...(margin > 0
          ? [
              // The futility band: a sequence wholly inside it means any difference is below the relevant one.
              {
                data: { values: [{}] },
                mark: { type: 'rect' as const, color: '#d9d9d9', opacity: 0.5 },
                encoding: { y: { datum: -margin }, y2: { datum: margin } },
              },
              {
                data: { values: [{}] },
                mark: { type: 'text' as const, align: 'left' as const, baseline: 'bottom' as const, dx: 4, color: '#555' },
                encoding: { x: { datum: first }, y: { datum: margin }, text: { value: `futility band ±${formatNumber(margin)}` } },
              },
            ]
          : []),
        {
          mark: { type: 'area', opacity: 0.25 },
          encoding: { x, y: { field: 'low', type: 'quantitative', title: 'efficiency difference (A - B)' }, y2: { field: 'high' } },
        },
        { mark: { type: 'line', point: path.length <= 60 }, encoding: { x, y: { field: 'mean', type: 'quantitative' } } },
        { mark: { type: 'rule' as const, color: 'black', strokeDash: [4, 4] }, encoding: { y: { datum: 0 } } },
        ...(stop
          ? [
              { data: { values: [{}] }, mark: { type: 'rule' as const, color: '#c0392b' }, encoding: { x: { datum: stop.n } } },
              {
                data: { values: [{}] },
                mark: { type: 'text' as const, align: 'left' as const, baseline: 'top' as const, dx: 4, dy: 4, color: '#c0392b' },
                encoding: { x: { datum: stop.n }, y: { datum: stop.high }, text: { value: `stop: ${stop.label} (n=${stop.n})` } },
              },
            ]
          : []),
      ],
    },
  };
}

/** The first look at which the sequence excluded 0 or fell inside the futility band: where the rule stops. */
function findStopPoint(
  path: readonly { n: number; low: number; high: number }[],
  margin: number,
  a: string,
  b: string,
): { n: number; high: number; label: string } | null {
  for (const point of path) {
    if (point.n < SEQUENTIAL_MIN_N) continue;
    if (point.low > 0) return { n: point.n, high: point.high, label: `${a} better` };
    if (point.high < 0) return { n: point.n, high: point.high, label: `${b} better` };
    if (margin > 0 && point.low > -margin && point.high < margin) return { n: point.n, high: point.high, label: 'futility' };
  }
  return null;
}

function buildCapacityChart(report: ExperimentReport): ChartSpec | null {
  const withBars = report.windows.recent.filter((window) => window.capacity_before !== null && window.capacity_after !== null);
  const unit = withBars.some((window) => window.capacity_unit === 'pct_5h') ? 'pct_5h' : 'tokens';
  const shown = withBars.filter((window) => window.capacity_unit === unit).slice(-MAX_BARS);
  if (shown.length === 0) return null;
  // Labelled by task and provider (window ids share a long plan prefix, so they all looked alike).
  const values = shown.map((window, index) => ({
    window: `${index + 1}. ${window.feature_id ?? window.window_id} · ${window.provider}`,
    order: index,
    before: window.capacity_before,
    after: window.capacity_after,
    provider: window.provider,
  }));
  const title = `Capacity over each window, before to after${shown.length < report.windows.completed ? ` (latest ${shown.length})` : ''}`;
  return {
    key: 'capacity',
    title,
    spec: {
      ...BASE,
      title,
      data: { values },
      mark: { type: 'bar', width: { band: 0.7 } },
      encoding: {
        x: {
          field: 'window',
          type: 'ordinal',
          sort: { field: 'order' },
          title: 'window (in the order completed)',
          axis: shown.length > MAX_LABELS ? { labels: false, ticks: false } : { labelAngle: -45 },
        },
        // A scale that fits the data: deltas of a few points vanish on a 0-100 axis.
        y: {
          field: 'before',
          type: 'quantitative',
          title: unit === 'pct_5h' ? '% of the 5h window used' : 'tokens',
          scale: { zero: false },
        },
        y2: { field: 'after' },
        color: { field: 'provider', type: 'nominal' },
      },
    },
  };
}
