// The two charts of a pair of providers: the per-task differences A - B and the confidence sequence over them: pure.
import { reduceEpochs } from '../metrics/reduce-epochs.js';
import { pairWindows } from '../metrics/pair-windows.js';
import { CHART_BASE, type ChartSpec, describeBarAxis, fitScale, MAX_BARS, MAX_LABELS } from './chart-layout.js';
import type { ExperimentReport } from './experiment-report.js';
import { describeEfficiencyUnit, formatNumber, formatUnit } from './format-values.js';

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

/**
 * The verdict pair's anytime interval (its sequence) at each look, on a log scale (A / B and B / A mirror each other): the band of
 * no relevant difference around 1, and the look whose boundary the pair crossed. An unbounded end (a side that did
 * no work yet) is drawn to the chart's edge.
 */
export function buildSequenceChart(report: ExperimentReport): ChartSpec | null {
  const decision = report.stop.verdict_pair;
  const looks = (decision?.looks ?? []).filter((look) => look.ratio !== null && look.low !== null && look.high !== null);
  if (!decision || looks.length === 0) return null;
  const { a, b } = decision;
  const relevant = report.stop.rule.relevant_ratio;
  const finite = looks
    .flatMap((look) => [look.low, look.high, look.ratio])
    .filter((v): v is number => v !== null && Number.isFinite(v) && v > 0);
  const top = Math.max(relevant * 1.1, ...finite) * 1.1;
  const bottom = Math.min(1 / (relevant * 1.1), ...finite) / 1.1;
  const clip = (value: number | null): number => (value === null || !Number.isFinite(value) ? top : Math.min(top, Math.max(bottom, value)));
  const path = looks.map((look) => ({
    n: look.n,
    ratio: clip(look.ratio),
    low: clip(look.low === 0 ? bottom : look.low),
    high: clip(look.high),
  }));
  const title = `Repeated ${Math.round(report.settings.confidence * 100)}% interval of ${a} / ${b} work ${formatUnit(report.primary.unit)} at each look`;
  const first = path[0]?.n ?? 0;
  const last = path[path.length - 1]?.n ?? first;
  const xScale = fitScale(first === last ? [first - 1, last + 1] : [first, last], 0);
  const x = { field: 'n', type: 'quantitative' as const, title: 'tasks seen', scale: xScale, axis: { tickMinStep: 1, format: 'd' } };
  const yScale = { type: 'log' as const, domain: [bottom, top] };
  const y = { type: 'quantitative' as const, title: [`${a} / ${b}`, `work ${formatUnit(report.primary.unit)} (log scale)`], scale: yScale };
  const note = (n: number, at: number, text: string, color: string, baseline: 'top' | 'bottom') => ({
    data: { values: [{}] },
    mark: { type: 'text' as const, align: 'left' as const, baseline, dx: 4, dy: baseline === 'top' ? 4 : 0, color },
    encoding: { x: { datum: n, scale: xScale }, y: { datum: at, scale: yScale }, text: { value: text } },
  });
  const decided = decision.decided_at;
  const label = decision.outcome === 'a-ahead' ? `${a} ahead` : `${b} ahead`;
  return {
    key: 'confidence-sequence',
    title,
    spec: {
      ...CHART_BASE,
      title,
      data: { values: path },
      layer: [
        {
          // No relevant difference: a sequence wholly inside the band settles the pair.
          data: { values: [{}] },
          mark: { type: 'rect' as const, color: '#d9d9d9', opacity: 0.5 },
          encoding: { y: { datum: 1 / relevant, scale: yScale }, y2: { datum: relevant } },
        },
        note(first, relevant, `within ${formatNumber(1 / relevant)} to ${formatNumber(relevant)}`, '#555', 'bottom'),
        { mark: { type: 'area', opacity: 0.25 }, encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' } } },
        { mark: { type: 'line', point: path.length <= 60 }, encoding: { x, y: { ...y, field: 'ratio' } } },
        { mark: { type: 'rule', color: 'black', strokeDash: [4, 4] }, encoding: { y: { datum: 1, scale: yScale } } },
        ...(decided !== null
          ? [
              {
                data: { values: [{}] },
                mark: { type: 'rule' as const, color: '#c0392b' },
                encoding: { x: { datum: decided, scale: xScale } },
              },
              note(decided, top, `decided: ${label} (n=${decided})`, '#c0392b', 'top'),
            ]
          : []),
      ],
    },
  };
}
