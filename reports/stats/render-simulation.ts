// Renders a simulation summary as a small table: rule, fired, power, mean n at stop, coverage.
import type { SimulationSummary } from './simulate-experiment.js';

/** The text `experiment simulate` prints. */
export function renderSimulationSummary(summary: SimulationSummary): string {
  const { design, rules } = summary;
  const nullEffect = design.effect === 0;
  const rows: string[][] = [
    ['rule', nullEffect ? 'fired (false stops)' : 'fired', 'power', 'mean n at stop', 'coverage'],
    ['sequential CS: superiority', pct(summary.sequential.anySuperiority.rate), pct(summary.sequential.power), num(summary.sequential.anySuperiority.meanN), pct(summary.sequential.coverage)],
    [`sequential CS: futility ±${rules.futilityMargin}`, pct(summary.sequential.futility.rate), '-', num(summary.sequential.futility.meanN), '-'],
    ['naive peeking t-test', pct(summary.naive.stops.rate), pct(summary.naive.power), num(summary.naive.stops.meanN), '-'],
    ['fixed-n paired t (at end)', pct(summary.fixedN.detections.rate), pct(summary.fixedN.power), num(summary.fixedN.detections.meanN), '-'],
    ['Grizzle crossover CI (at end)', '-', '-', '-', pct(summary.grizzle.coverage)],
    ['seed rule (negative-delta > 1/3)', pct(summary.seedRule.rate), '-', summary.seedRule.meanN === null ? '-' : `window ${num(summary.seedRule.meanN)}`, '-'],
  ];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  const table = rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ').trimEnd());
  const lines = [
    `Simulated ${summary.replicates} AB/BA crossover experiments (seed ${summary.seed}): ${design.tasks} tasks, effect ${design.effect} SD of the paired difference,`,
    `period effect ${design.periodEffect} SD, capture faults ${pct(design.anomalyRate)} of windows; alpha ${rules.alpha}, CS tuned for n=${rules.tuningN}, no stop before ${rules.minN} tasks.`,
    '',
    ...table,
    '',
    nullEffect
      ? `Identical providers: every superiority stop is false; the CS rule should stay at or below ${pct(rules.alpha)} however often it looks.`
      : 'power: stops (or detections) in the planted direction; coverage: the CS held the effect at every look, the Grizzle CI at the end.',
  ];
  return `${lines.join('\n')}\n`;
}

function pct(value: number | null): string {
  return value === null ? '-' : `${(value * 100).toFixed(1)}%`;
}

function num(value: number | null): string {
  return value === null ? '-' : value.toFixed(1);
}
