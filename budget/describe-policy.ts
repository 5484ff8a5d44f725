// The policy as lines for --dry-run and --list: one per limit, aligned, then the prices a cost budget uses.
import { renderTable } from '../kernel/index.js';
import type { BudgetPolicy } from './budget-policy.js';
import { describeMetricUnit, formatAmount, formatPercent } from './format-budget-values.js';

/** e.g. `command:/test  1,000 output tokens  block  warn at 80%`. */
export function describePolicy(policy: BudgetPolicy): string[] {
  if (policy.limits.length === 0) return ['no budgets'];
  const rows = policy.limits.map((limit) => [
    limit.each ? `${limit.id} (each ${limit.provider ?? 'arm'}'s window)` : limit.id,
    limit.metric === 'cost'
      ? formatAmount('cost', limit.limit)
      : `${formatAmount(limit.metric, limit.limit)} ${describeMetricUnit(limit.metric)}`,
    limit.stopOnly ? 'stops the arm' : limit.mode,
    limit.warnAt.length === 0 ? 'no warnings' : `warn at ${limit.warnAt.map(formatPercent).join(', ')}`,
  ]);
  const lines = renderTable(rows);
  if (policy.limits.some((limit) => limit.metric === 'cost'))
    lines.push(`prices: ${policy.prices.layers.map((layer) => layer.name).join(', then ')}`);
  return lines;
}
