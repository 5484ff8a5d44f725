// Renders the GLM-versus-baseline cost comparison as the table `tracker compare-cost` prints.
import { renderTable } from '../kernel/index.js';
import type { ArmTotals, CostComparison, FeatureCostComparison } from './compare-cost.js';

const HEADER = [
  'feature',
  'glm req',
  'glm tokens',
  'glm cost',
  'base req',
  'base tokens',
  'base cost',
  'token delta',
  'cost delta',
  'reduction',
];

export function renderCostComparison(comparison: CostComparison): string {
  const lines: string[] = [];
  if (comparison.features.length === 0) {
    lines.push(
      comparison.subagent_requests === 0
        ? 'No sub-agent requests in proxy_telemetry.jsonl (rows with a subagent_id): nothing to compare.'
        : 'No matched features: a feature needs sub-agent requests routed to glm and to a baseline back end.',
    );
  } else {
    lines.push('Sub-agent work, GLM vs baseline, per matched feature (tokens = input + output + cache; cost at list prices, USD):');
    const rows = comparison.features.map((feature) => toCells(feature.feature_id, feature));
    rows.push(toCells(`total (${comparison.total.features})`, comparison.total));
    lines.push(...renderTable([HEADER, ...rows], { indent: '  ' }));
    const { total } = comparison;
    const verdict = total.meets_target === null ? 'unknown (a cost is missing)' : total.meets_target ? 'met' : 'not met';
    lines.push(
      '',
      `Cost reduction: ${formatFactor(total.cost_reduction)} (target >= ${total.target}x: ${verdict}); token reduction: ${formatFactor(total.token_reduction)}`,
    );
  }
  if (comparison.unmatched.length > 0) {
    const names = comparison.unmatched.map((feature) => `${feature.feature_id} (${feature.only} only)`).join(', ');
    lines.push(`Skipped ${comparison.unmatched.length} unmatched ${comparison.unmatched.length === 1 ? 'feature' : 'features'}: ${names}`);
  }
  if (comparison.without_feature > 0) lines.push(`Skipped ${comparison.without_feature} sub-agent requests without a feature_id`);
  for (const note of comparison.notes) lines.push(`Note: ${note}`);
  return `${lines.join('\n')}\n`;
}

function toCells(label: string, row: Omit<FeatureCostComparison, 'feature_id'>): string[] {
  return [
    label,
    String(row.glm.requests),
    formatCount(row.glm.tokens.total),
    formatCost(row.glm),
    String(row.baseline.requests),
    formatCount(row.baseline.tokens.total),
    formatCost(row.baseline),
    `${row.token_delta > 0 ? '+' : ''}${formatCount(row.token_delta)}`,
    row.cost_delta_usd === null ? 'n/a' : formatUsd(row.cost_delta_usd, true),
    formatFactor(row.cost_reduction),
  ];
}

function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

function formatCost(arm: ArmTotals): string {
  return arm.cost_usd === null ? 'n/a' : formatUsd(arm.cost_usd, false);
}

/** Six decimals below a dollar (a sub-agent call often costs a fraction of a cent), four above. */
export function formatUsd(value: number, signed: boolean): string {
  const digits = Math.abs(value) < 1 ? 6 : 4;
  const sign = value < 0 ? '-' : signed && value > 0 ? '+' : '';
  return `${sign}$${Math.abs(value).toFixed(digits)}`;
}

function formatFactor(value: number | null): string {
  return value === null ? 'n/a' : `${value.toFixed(2)}x`;
}
