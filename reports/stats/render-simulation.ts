// Renders a simulation summary as a table: each rule's stops, power, mean tasks used and coverage, with Monte Carlo intervals.
import { renderTable } from '../../kernel/index.js';
import type { ConfidenceSequenceMethod } from './confidence-sequence.js';
import type { MonteCarloMean, RateInterval } from './monte-carlo-intervals.js';
import type { SimulationSummary, StopRuleFigures } from './simulate-experiment.js';

const METHOD_NAMES: Record<ConfidenceSequenceMethod, string> = {
  'symmetry-betting': 'betting CS, symmetry',
  'bounded-mean-betting': 'betting CS, bounded mean',
  'normal-theory': 'normal-theory CS (before)',
};

/** The text `experiment simulate` prints. */
export function renderSimulationSummary(summary: SimulationSummary): string {
  const { design, rules, stopRules } = summary;
  const planted = summary.stopRules.betting.power !== null;
  const mc = `${Math.round(summary.monteCarloConfidence * 100)}% MC`;
  const buildRow = (figures: StopRuleFigures, note = ''): string[] => [
    `${METHOD_NAMES[figures.method]}${note}`,
    formatRate(figures.superiority),
    figures.power ? formatRate(figures.power) : '-',
    formatPercent(figures.futility.rate),
    formatMean(figures.stoppingTime),
    formatPercent(figures.coverage),
  ];
  const rows: string[][] = [
    ['rule', planted ? `fired [${mc}]` : `false stops [${mc}]`, `power [${mc}]`, 'futility', `mean tasks used [${mc}]`, 'coverage'],
    buildRow(stopRules.betting, ' (before issue 42)'),
    ...(stopRules.symmetry ? [buildRow(stopRules.symmetry, ' (if arms exchangeable)')] : []),
    buildRow(stopRules.normalTheory),
    [
      'naive peeking t-test',
      formatPercent(summary.naive.stops.rate),
      formatPercent(summary.naive.power),
      '-',
      formatNumber(summary.naive.stops.meanN, ' at stop'),
      '-',
    ],
    ['fixed-n paired t (at end)', formatPercent(summary.fixedN.detections.rate), formatPercent(summary.fixedN.power), '-', '-', '-'],
    ['Grizzle crossover CI (at end)', '-', '-', '-', '-', formatPercent(summary.grizzle.coverage)],
    [
      'seed rule (negative-delta > 1/3)',
      formatPercent(summary.seedRule.rate),
      '-',
      '-',
      summary.seedRule.meanN === null ? '-' : `window ${formatNumber(summary.seedRule.meanN)}`,
      '-',
    ],
  ];
  const table = renderTable(rows, { align: (column) => (column === 0 ? 'left' : 'right') });
  const futility = rules.futilityMargin > 0 ? `futility within ±${rules.futilityMargin} SD` : 'no futility stop';
  const lines = [
    `Simulated ${summary.replicates} AB/BA crossover experiments (seed ${summary.seed}): ${design.tasks} tasks, ${design.distribution} outcomes, effect ${design.asObserved ? 'as recorded' : `${design.effect} SD of the paired difference`},`,
    `period effect ${design.distribution === 'resample' ? 'as recorded' : `${design.periodEffect} SD`}, capture faults ${formatPercent(design.anomalyRate)} of windows; alpha ${rules.alpha}, sequences tuned for n=${rules.tuningN}, no stop before ${rules.minN} tasks, ${futility}.`,
    `Model: ${summary.model}${design.distribution === 'resample' ? ` (${design.pooled} recorded differences)` : ''}.`,
    `Hypothesis: ${summary.hypothesis}.`,
    '',
    ...table,
    '',
    ...describeOutcome(summary),
  ];
  return `${lines.join('\n')}\n`;
}

function describeOutcome(summary: SimulationSummary): string[] {
  const { betting, normalTheory } = summary.stopRules;
  const alpha = summary.rules.alpha;
  const guarantee =
    betting.method === 'bounded-mean-betting'
      ? 'The bounded-mean betting CS is exact for any distribution of A - B on its range; the symmetry one only when A and B are exchangeable within a task.'
      : 'The symmetry betting CS is exact whenever A and B are exchangeable within a task (A - B symmetric about its centre); it does not bound a mean of skewed differences that are not symmetric.';
  if (!betting.power || !normalTheory.power) {
    const over = betting.superiority.low > alpha ? ` The betting rule's interval lies above alpha: check the model.` : '';
    return [
      `Every superiority stop is false here: the rule should stop at or below ${formatPercent(alpha)} however often it looks.${over}`,
      guarantee,
      `Normal-theory CS: ${formatRate(normalTheory.superiority)} false stops (asymptotic, no guarantee at this n).`,
    ];
  }
  const lost = summary.powerLost ?? 0;
  return [
    `Power lost against the normal-theory rule: ${(lost * 100).toFixed(1)} points (${formatPercent(normalTheory.power.rate)} -> ${formatPercent(betting.power.rate)}); mean tasks used ${formatNumber(normalTheory.stoppingTime.mean)} -> ${formatNumber(betting.stoppingTime.mean)}.`,
    guarantee,
    'power: stops in the planted direction; coverage: the CS held the true centre at every look, the Grizzle CI at the end.',
  ];
}

/** A rate with its Monte Carlo interval, in percent. */
export function formatRate(value: RateInterval): string {
  return `${formatPercent(value.rate)} [${(value.low * 100).toFixed(1)}, ${(value.high * 100).toFixed(1)}]`;
}

function formatMean(value: MonteCarloMean): string {
  return Number.isFinite(value.low)
    ? `${formatNumber(value.mean)} [${formatNumber(value.low)}, ${formatNumber(value.high)}]`
    : formatNumber(value.mean);
}

/** A rate in percent with one decimal, '-' when missing. */
export function formatPercent(value: number | null): string {
  return value === null || Number.isNaN(value) ? '-' : `${(value * 100).toFixed(1)}%`;
}

function formatNumber(value: number | null, suffix = ''): string {
  return value === null || Number.isNaN(value) ? '-' : `${value.toFixed(1)}${suffix}`;
}
