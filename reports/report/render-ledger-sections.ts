// The report's ledger sections: anomalies, the proxy block and sub-agent cost, the budget summary, capacity per window, data notes.
import { pluralize } from '../../kernel/index.js';
import { renderProxyBlock } from '../preview/render-proxy-block.js';
import type { ExperimentReport } from './experiment-report.js';
import { formatNumber, formatPercent, formatTable } from './format-values.js';

export function renderAnomalySection(report: ExperimentReport): string[] {
  const { anomalies } = report;
  const lines = ['## Anomalies', ''];
  if (anomalies.total === 0) return [...lines, 'Anomalies: 0.'];
  lines.push(
    `Anomalies: ${anomalies.total} (see anomalies.jsonl). By code: ${anomalies.by_code.map(({ code, count }) => `${code} ${count}`).join(', ')}. By provider: ${anomalies.by_provider.map(({ provider, count }) => `${provider} ${count}`).join(', ')}.`,
    '',
  );
  lines.push(
    ...formatTable(
      ['when', 'code', 'provider', 'window', 'message'],
      anomalies.recent.map((row) => [row.ts, row.code, row.provider ?? '-', row.window_id ?? '-', row.message]),
    ),
  );
  return lines;
}

export function renderProxySection(report: ExperimentReport): string[] {
  const lines = ['## Proxy', ''];
  if (!report.proxy) return [...lines, 'No proxy telemetry (proxy_telemetry.jsonl has no rows).'];
  const { overall } = report.proxy;
  lines.push('```text', ...renderProxyBlock(report.proxy, { recent: 10 }), '```', '');
  lines.push(
    `${formatNumber(overall.total_tokens)} tokens over ${pluralize(overall.total_prompts, 'request')} (${overall.subagent_requests} from sub-agents); mean latency ${formatNumber(overall.mean_latency_ms)} ms; ${report.windows.with_proxy_tokens} of ${report.windows.completed} completed windows have proxy counts (joined by window_id).`,
  );
  const { total } = report.cost;
  if (total.features > 0) {
    lines.push(
      '',
      `Sub-agent cost on ${total.features} matched feature${total.features === 1 ? '' : 's'}${report.cost.per_run_means ? " (each arm's mean over a task's runs, as G3 reads it)" : ''}: GLM ${formatNumber(total.glm.tokens.total)} tokens / ${formatUsd(total.glm.cost_usd)}, baseline ${formatNumber(total.baseline.tokens.total)} tokens / ${formatUsd(total.baseline.cost_usd)}; cost reduction ${total.cost_reduction === null ? 'n/a' : `${formatNumber(total.cost_reduction)}x`}, token reduction ${total.token_reduction === null ? 'n/a' : `${formatNumber(total.token_reduction)}x`} (target ${total.target}x).`,
    );
  }
  for (const note of report.cost.notes) lines.push(`- ${note}`);
  return lines;
}

export function renderBudgetSection(report: ExperimentReport): string[] {
  const { budget } = report;
  const lines = ['## Budget', ''];
  if (budget.events === 0) return [...lines, 'No budget events (budget_events.jsonl has no rows).'];
  lines.push(
    `${budget.events} budget event${budget.events === 1 ? '' : 's'}: ${budget.by_event.map(({ event, count }) => `${event} ${count}`).join(', ')}.`,
    '',
  );
  lines.push(
    ...formatTable(
      ['budget', 'metric', 'mode', 'limit', 'max used', 'used / limit', 'worst event', 'events', 'last'],
      budget.budgets.map((entry) => [
        entry.budget,
        entry.metric,
        entry.mode,
        formatAmount(entry.limit, entry.metric),
        formatAmount(entry.max_used, entry.metric),
        formatPercent(entry.max_used / entry.limit, 0),
        entry.worst,
        String(entry.events),
        entry.last_at,
      ]),
      ['l', 'l', 'l', 'r', 'r', 'r', 'l', 'r', 'l'],
    ),
  );
  return lines;
}

export function renderCapacitySection(report: ExperimentReport, chart: string | null): string[] {
  const shown = report.windows.recent.length;
  const lines = ['## Capacity per window', ''];
  if (shown === 0) return [...lines, 'No completed windows yet.'];
  lines.push(
    `The 5h-window bar (or token count) at the before and after capture of the latest ${shown} of ${report.windows.completed} completed windows.`,
  );
  if (chart) lines.push('', `![Capacity over each window](${chart})`);
  return lines;
}

export function renderDataNotes(report: ExperimentReport): string[] {
  if (report.data_notes.length === 0) return [];
  return ['## Data notes', '', ...report.data_notes.map((note) => `- ${note}`)];
}

function formatUsd(value: number | null): string {
  return value === null ? 'cost n/a' : `$${value.toFixed(4)}`;
}

function formatAmount(value: number, metric: string): string {
  return metric === 'cost' ? `$${value.toFixed(2)}` : formatNumber(value);
}
