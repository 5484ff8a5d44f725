// How budget amounts read on screen: token counts with separators, USD with cents, percentages.
import type { BudgetMetric } from './budget-contract.js';

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const USD = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 });

export function formatCount(value: number): string {
  return COUNT.format(value);
}

/** `1,000` tokens, or `$5.00` (down to 1/100 of a cent) for the cost metric. */
export function formatAmount(metric: BudgetMetric, value: number): string {
  return metric === 'cost' ? USD.format(value) : formatCount(value);
}

/** What the amount counts: `tokens`, `output tokens`, `input+output tokens`, or `USD`. */
export function describeMetricUnit(metric: BudgetMetric): string {
  return metric === 'cost' ? 'USD' : metric === 'total' ? 'tokens' : `${metric} tokens`;
}

/** The short unit after a usage figure in the bars: `output`, `tokens`, `in+out`, `USD`. */
export function abbreviateMetric(metric: BudgetMetric): string {
  return metric === 'total' ? 'tokens' : metric === 'input+output' ? 'in+out' : metric === 'cost' ? 'USD' : metric;
}

export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10}%`;
}
