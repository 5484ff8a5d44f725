// The two charts of a pair of providers: the per-task differences A - B and the confidence sequence over them: pure.
import { reduceEpochs } from '../metrics/reduce-epochs.js';
import { pairWindows } from '../metrics/pair-windows.js';
import { SEQUENTIAL_MIN_N } from '../stats/stop-rules.js';
import { CHART_BASE, type ChartSpec, describeBarAxis, fitScale, MAX_BARS, MAX_LABELS } from './chart-layout.js';
import type { ExperimentReport } from './experiment-report.js';
import { describeEfficiencyUnit, formatNumber } from './format-values.js';

interface PairBars {
  a: string;
  b: string;
  unit: string | null;
  diffs: { task: string; feature_id: string; diff: number }[];
  /** Said in the title when the pairs come from only part of the windows. */
  note: string;
}

/** The per-task differences of `pair` (default: the secondary analyses' pair), one labelled bar per task. */
export function buildPairedChart(report: ExperimentReport, pair?: readonly [string, string]): ChartSpec | null {
  const bars = collectPairBars(report, pair);
  if (!bars || bars.diffs.length === 0) return null;
  const shown = bars.diffs.slice(-MAX_BARS);
  const axis = describeBarAxis(shown.length, 'task (in the order the pairs were completed)');
  const named = shown.length <= MAX_LABELS;
  const values = shown.map((entry, index) => ({
    task: named ? entry.task : String(index + 1),
    // Not drawn: the viewer lists this task's arms when the bar is clicked.
    feature_id: entry.feature_id,
    order: index,
    diff: entry.diff,
    ahead: entry.diff >= 0 ? bars.a : bars.b,
    label: formatNumber(entry.diff),
  }));
  const latest = shown.length < bars.diffs.length ? ` (latest ${shown.length} of ${bars.diffs.length})` : '';
  const title = `Paired differences per task, ${bars.a} - ${bars.b}${latest}${bars.note}`;
  const x = { field: 'task', type: 'ordinal', sort: { field: 'order', op: 'min' }, ...axis } as const;
  const y = {
    field: 'diff',
    type: 'quantitative' as const,
    title: [`${bars.a} - ${bars.b}`, describeEfficiencyUnit(bars.unit)],
    // Room above and below the bars for their labels; 0 always in view, as the bars start there.
    scale: fitScale([0, ...values.map((value) => value.diff)], 0.12),
  };
  // Each bar's value at its end (above a bar that goes up, below one that goes down), so a 0 bar is still labelled.
  const labels = (filter: string, baseline: 'bottom' | 'top', dy: number) => ({
    transform: [{ filter }],
    mark: { type: 'text' as const, baseline, dy, fontSize: 10 },
    encoding: { x, y, text: { field: 'label' } },
  });
  return {
    key: 'paired-differences',
    title,
    spec: {
      ...CHART_BASE,
      title,
      data: { values },
      layer: [
        {
          mark: 'bar',
          encoding: { x, y, color: { field: 'ahead', type: 'nominal', title: 'ahead', scale: { domain: [bars.a, bars.b] } } },
        },
        { mark: { type: 'rule', color: 'black' }, encoding: { y: { datum: 0, scale: y.scale } } },
        ...(named ? [labels('datum.diff >= 0', 'bottom', -2), labels('datum.diff < 0', 'top', 2)] : []),
      ],
    },
  };
}

/**
 * The pairs of the secondary analyses when `pair` is theirs (either order); another pair is paired here from the
 * report's windows of the analysed plan, epochs reduced to task means as everywhere else.
 */
function collectPairBars(report: ExperimentReport, pair?: readonly [string, string]): PairBars | null {
  const { comparison } = report;
  const [a, b] = pair ?? (comparison ? [comparison.a, comparison.b] : [null, null]);
  if (a === null || b === null) return null;
  const toBars = (diffs: PairBars['diffs'], unit: string | null, note = ''): PairBars => ({ a, b, unit, diffs, note });
  if (comparison && (comparison.a === a || comparison.a === b) && (comparison.b === a || comparison.b === b)) {
    const sign = comparison.a === a ? 1 : -1;
    return toBars(
      comparison.pairs.map((entry) => ({
        task: labelTask(comparison.pairs, entry),
        feature_id: entry.feature_id,
        diff: sign * entry.diff,
      })),
      comparison.pairs[0]?.a.unit ?? null,
    );
  }
  const planId = report.analysis.plan_id;
  const windows = report.windows.recent.filter((window) => planId === null || window.plan_id === planId);
  const { pairs } = pairWindows(reduceEpochs(windows).windows, a, b);
  const partial =
    report.windows.recent.length < report.windows.completed ? ` (from the latest ${report.windows.recent.length} windows)` : '';
  return toBars(
    pairs.map((entry) => ({ task: labelTask(pairs, entry), feature_id: entry.feature_id, diff: entry.diff })),
    pairs[0]?.a.unit ?? null,
    partial,
  );
}

/** The task's name, or its `plan:task` subject when one name stands for several tasks (several plans). */
function labelTask(pairs: readonly { feature_id: string; subject: string }[], entry: { feature_id: string; subject: string }): string {
  return pairs.filter((other) => other.feature_id === entry.feature_id).length > 1 ? entry.subject : entry.feature_id;
}

/** The confidence sequence of the secondary analyses' pair, look by look, with the futility band and where the rule stops. */
export function buildSequenceChart(report: ExperimentReport): ChartSpec | null {
  const path = report.stop.path.filter((point) => Number.isFinite(point.low) && Number.isFinite(point.high));
  if (path.length === 0 || !report.pairing) return null;
  const { a, b } = report.pairing;
  const title = `Confidence sequence of ${a} - ${b} (${Math.round(report.settings.confidence * 100)}%, valid at every look)`;
  const first = path[0]?.n ?? 0;
  const last = path[path.length - 1]?.n ?? first;
  // The x axis starts at the first look with a finite bound: the sequence has none before it, so earlier n are empty.
  const xScale = fitScale(first === last ? [first - 1, last + 1] : [first, last], 0);
  const x = {
    field: 'n',
    type: 'quantitative' as const,
    title: 'paired tasks so far',
    scale: xScale,
    axis: { tickMinStep: 1, format: 'd' },
  };
  const margin = report.plan?.relevant_difference ?? 0;
  const unit = report.comparison?.pairs[0]?.a.unit ?? null;
  const yScale = fitScale([0, margin, -margin, ...path.flatMap((point) => [point.low, point.high, point.mean])]);
  const y = { type: 'quantitative' as const, title: [`${a} - ${b}`, describeEfficiencyUnit(unit)], scale: yScale };
  const stop = findStopPoint(path, margin, a, b);
  const note = (n: number, at: number, text: string, color: string, baseline: 'top' | 'bottom') => ({
    data: { values: [{}] },
    mark: { type: 'text' as const, align: 'left' as const, baseline, dx: 4, dy: baseline === 'top' ? 4 : 0, color },
    encoding: { x: { datum: n, scale: xScale }, y: { datum: at, scale: yScale }, text: { value: text } },
  });
  return {
    key: 'confidence-sequence',
    title,
    spec: {
      ...CHART_BASE,
      title,
      data: { values: path },
      layer: [
        ...(margin > 0
          ? [
              // The futility band: a sequence wholly inside it means any difference is below the relevant one.
              {
                data: { values: [{}] },
                mark: { type: 'rect' as const, color: '#d9d9d9', opacity: 0.5 },
                encoding: { y: { datum: -margin, scale: yScale }, y2: { datum: margin } },
              },
              note(first, margin, `futility band ±${formatNumber(margin)}`, '#555', 'bottom'),
            ]
          : []),
        { mark: { type: 'area', opacity: 0.25 }, encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' } } },
        { mark: { type: 'line', point: path.length <= 60 }, encoding: { x, y: { ...y, field: 'mean' } } },
        { mark: { type: 'rule', color: 'black', strokeDash: [4, 4] }, encoding: { y: { datum: 0, scale: yScale } } },
        ...(stop
          ? [
              {
                data: { values: [{}] },
                mark: { type: 'rule' as const, color: '#c0392b' },
                encoding: { x: { datum: stop.n, scale: xScale } },
              },
              note(stop.n, stop.high, `stop: ${stop.label} (n=${stop.n})`, '#c0392b', 'top'),
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
