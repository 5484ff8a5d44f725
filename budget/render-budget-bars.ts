// Budget progress as text bars, one line per budget: `command:/test  [#####-----]  640/1,000 output  64%  12/min  block`.
import type { BudgetLimit } from './budget-contract.js';
import { abbreviateMetric, formatAmount } from './format-budget-values.js';

export interface BudgetBarInput {
  budget: BudgetLimit;
  used: number;
}

const MIN_BAR = 10;
const MAX_BAR = 40;

/**
 * Lines of at most `width` columns when that leaves room for a bar of 10 (wider lines otherwise), columns
 * aligned across budgets. `ratePerMin` (budget id -> usage per minute) adds a rate column. A budget past
 * its limit shows a full bar of `!` and its real percentage.
 */
export function renderBudgetBars(usage: readonly BudgetBarInput[], width: number, ratePerMin?: ReadonlyMap<string, number>): string[] {
  if (usage.length === 0) return [];
  const rows = usage.map(({ budget, used }) => ({
    id: budget.id,
    fraction: used / budget.limit,
    amounts: `${formatAmount(budget.metric, used)}/${formatAmount(budget.metric, budget.limit)} ${abbreviateMetric(budget.metric)}`,
    percent: `${Math.floor((used / budget.limit) * 100)}%`,
    rate: ratePerMin ? formatRate(budget, ratePerMin.get(budget.id)) : null,
    mode: budget.mode,
  }));
  const pad = (values: string[]) => Math.max(...values.map((value) => value.length));
  const idWidth = pad(rows.map((row) => row.id));
  const amountWidth = pad(rows.map((row) => row.amounts));
  const percentWidth = pad(rows.map((row) => row.percent));
  const rateWidth = ratePerMin ? pad(rows.map((row) => row.rate ?? '')) : 0;
  const modeWidth = pad(rows.map((row) => row.mode));
  // Everything but the bar: the columns, the brackets and two spaces between columns.
  const fixed = idWidth + amountWidth + percentWidth + modeWidth + (ratePerMin ? rateWidth + 2 : 0) + 2 + 2 * 4;
  const barWidth = Math.min(MAX_BAR, Math.max(MIN_BAR, Math.floor(width) - fixed));
  return rows.map((row) => {
    const cells = [
      row.id.padEnd(idWidth),
      drawBar(row.fraction, barWidth),
      row.amounts.padStart(amountWidth),
      row.percent.padStart(percentWidth),
    ];
    if (ratePerMin) cells.push((row.rate ?? '').padStart(rateWidth));
    cells.push(row.mode);
    return cells.join('  ').trimEnd();
  });
}

function drawBar(fraction: number, width: number): string {
  if (fraction >= 1) return `[${(fraction > 1 ? '!' : '#').repeat(width)}]`;
  const filled = Math.max(0, Math.min(width, Math.floor(fraction * width)));
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}

function formatRate(budget: BudgetLimit, rate: number | undefined): string {
  if (rate === undefined || !Number.isFinite(rate)) return '';
  return `${formatAmount(budget.metric, rate)}/min`;
}
