// Usage: tokens and dollars per provider and model, by day or by ISO week, as ccusage's daily and weekly tables show them.
import type { UsageRow } from '../../reports/index.js';
import { formatCount, formatUsd } from './format.js';
import { html } from './html.js';
import { useApi } from './live.js';
import { LoadState, PeriodTabs, ProviderName, RoutedNote } from './page-parts.js';

interface UsageAnswer {
  by: 'day' | 'week';
  time_zone: string;
  rows: UsageRow[];
  problems: string[];
  routed?: Record<string, string[]>;
}

export function UsagePage({ params }: { params: URLSearchParams }) {
  const by = params.get('by') === 'day' ? 'day' : 'week';
  const { data, error } = useApi<UsageAnswer>(`/api/usage?by=${by}`);
  return html`<h1>Usage</h1>
    <${PeriodTabs} page="usage" by=${by} labels=${['Daily', 'Weekly']} />
    <${LoadState} error=${error} loaded=${data !== null} />
    ${
      data === null
        ? null
        : data.rows.length === 0
          ? html`<p>No token counts in this ledger yet (the proxy's requests, <code>tracker ingest ccusage</code> or Codex rollouts bring them).</p>`
          : html`<p class="muted">Periods in ${data.time_zone}; dollars at API list prices (n/a with the reason when a model has no price), not the report's dollars of subscription.</p>
          <table data-testid="usage-table">
            <thead><tr><th scope="col">${by}</th><th scope="col">provider</th><th scope="col">model</th><th class="num" scope="col">input</th><th class="num" scope="col">output</th>
              <th class="num" scope="col">cache read</th><th class="num" scope="col">cache creation</th><th class="num" scope="col">total</th><th class="num" scope="col">dollars</th><th scope="col">source</th></tr></thead>
            <tbody>${data.rows.map(
              (
                row,
              ) => html`<tr><td>${row.period}</td><td><${ProviderName} provider=${row.provider} routed=${data.routed} /></td><td>${row.model ?? 'n/a'}</td><td class="num">${formatCount(row.input)}</td>
                <td class="num">${formatCount(row.output)}</td><td class="num">${formatCount(row.cache_read)}</td><td class="num">${formatCount(row.cache_creation)}</td>
                <td class="num">${formatCount(row.total)}</td><td class="num" title=${row.usd_reason ?? ''}>${row.usd === null ? `n/a (${row.usd_reason ?? 'no price'})` : formatUsd(row.usd)}</td><td>${row.source}</td></tr>`,
            )}</tbody>
          </table>
          <${RoutedNote} routed=${data.routed} shown=${data.rows.map((row) => row.provider)} />`
    }`;
}
