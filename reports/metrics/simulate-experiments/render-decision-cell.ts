// Renders a cell of the decision's design check: the shape and its truth, the rule, and each rate with its Monte Carlo interval (pure).
import { renderTable } from '../../../kernel/index.js';
import type { MonteCarloMean, RateInterval } from '../../stats/monte-carlo-intervals.js';
import type { DecisionCell } from './simulate-decision-cell.js';

const NAMES = ['A', 'B', 'C', 'D'];

/** The text `experiment simulate --shape` prints. */
export function renderDecisionCell(cell: DecisionCell): string {
  const { rule, truth } = cell;
  const mc = `${Math.round(cell.monteCarloConfidence * 100)}% MC`;
  const design = cell.providers === 2 ? 'AB/BA' : 'Williams';
  const ratios = truth.ratio.map((ratio, p) => `${NAMES[p]} ${formatNumber(ratio)}`).join(', ');
  const ahead =
    truth.leader === null
      ? 'no provider is ahead, so any provider named ahead is a false claim'
      : `${NAMES[truth.leader]} is ahead of every other; a claim between two equal ones, or against ${NAMES[truth.leader]}, is false`;
  const rows: string[][] = [
    ['figure', `rate [${mc}]`],
    ['names a provider ahead that is not (any pair)', formatRate(cell.falseClaims)],
    ...cell.falselyAhead.map((rate, p) => [`  names ${NAMES[p]} ahead of one it is not ahead of`, formatRate(rate)]),
    ['names a leader that is not ahead of every other', formatRate(cell.falseLeader)],
    [
      truth.leader === null ? 'names the true leader (power)' : `names ${NAMES[truth.leader]} leader (power)`,
      cell.power ? formatRate(cell.power) : '-',
    ],
    ['stops before the last arm', formatRate(cell.earlyStops)],
    ["the report's carry-over check finds A vs B's order to matter", formatRate(cell.carryOverFound)],
    ['tasks at the decision (mean)', formatMean(cell.meanTasks)],
    ["arms run (mean share of the plan's)", formatPercent(cell.meanArmsShare)],
    [
      'pairs decided / settled within the relevant difference (mean)',
      `${cell.meanDecidedPairs.toFixed(2)} / ${cell.meanWithinPairs.toFixed(2)}`,
    ],
  ];
  const table = renderTable(rows, { align: (column) => (column === 0 ? 'left' : 'right') });
  const limit = cell.alpha + 3 * cell.monteCarloSe;
  const verdict = cell.exceedsAlpha
    ? `EXCEEDS alpha + 3 Monte Carlo SE (${formatPercent(limit)})`
    : `within alpha + 3 Monte Carlo SE (${formatPercent(limit)})`;
  const lines = [
    `Simulated ${cell.runs} experiments (seed ${cell.seed}) of shape ${cell.shape}: ${cell.providers} providers in ${design} order, ${cell.tasks} planned tasks.`,
    `Shape: ${cell.description}.`,
    `True work per dollar (each arm capped at its budget; measured once on 200,000 tasks and set exactly as designed): ${ratios}: ${ahead}.`,
    `Task budgets: each provider's arms stopped at ${formatNumber(cell.budgetMultiple)}x its passed arm's mean cost (a failure that cost the budget); the true work per dollar above is the capped one.`,
    rule.rule === 'none'
      ? `Rule: the betting sequence at alpha ${cell.alpha} over ${rule.pairs} pair${rule.pairs === 1 ? '' : 's'} (${formatNumber(rule.alpha_per_pair)} each), no early stop: read at ${rule.planned_tasks} tasks.`
      : `Rule: the betting sequence at alpha ${cell.alpha} over ${rule.pairs} pair${rule.pairs === 1 ? '' : 's'} (${formatNumber(rule.alpha_per_pair)} each), looked at after every task up to ${rule.planned_tasks}; a pair settles inside 1/${rule.relevant_ratio} to ${rule.relevant_ratio}; the run stops once a provider is decided ahead of every other, or every pair is settled.`,
    '',
    ...table,
    '',
    `False claims ${formatPercent(cell.falseClaims.rate)} against alpha ${formatPercent(cell.alpha)} (Monte Carlo SE of a rate of alpha over ${cell.runs} runs: ${(cell.monteCarloSe * 100).toFixed(2)} points): ${verdict}.`,
  ];
  return `${lines.join('\n')}\n`;
}

function formatRate(rate: RateInterval): string {
  return `${formatPercent(rate.rate)} [${(rate.low * 100).toFixed(1)}, ${(rate.high * 100).toFixed(1)}]`;
}

function formatMean(mean: MonteCarloMean): string {
  if (!Number.isFinite(mean.low)) return mean.mean.toFixed(1);
  return `${mean.mean.toFixed(1)} [${mean.low.toFixed(1)}, ${mean.high.toFixed(1)}]`;
}

function formatPercent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function formatNumber(value: number): string {
  return Number(value.toPrecision(4)).toString();
}
