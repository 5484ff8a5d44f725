// Usage: tokens and dollars per provider and model by day, ISO week or month, or per agent session or project, with a total line.
import type { GroupRow, SessionRow, UsageRow } from '../../reports/index.js';
import { formatCount, formatUsd } from './format.js';
import { html } from './html.js';
import { useApi } from './live.js';
import { LoadState, PeriodTabs, ProviderName, RoutedNote } from './page-parts.js';

type Counts = Pick<UsageRow, 'input' | 'output' | 'cache_read' | 'cache_creation' | 'total' | 'usd'> & { usd_reason?: string | null };

interface UsageAnswer {
  by: 'day' | 'week' | 'month' | 'session' | 'project';
  time_zone: string;
  rows: Array<UsageRow | SessionRow | GroupRow>;
  total: Counts;
  problems: string[];
  routed?: Record<string, string[]>;
  /** The e-mail of each `provider@acct-…` label shown, read from its login's config dir when the viewer started. */
  account_names?: Record<string, string>;
}

const TABS = [
  ['day', 'Daily'],
  ['week', 'Weekly'],
  ['month', 'Monthly'],
  ['session', 'Sessions'],
  ['project', 'Projects'],
] as const;

export function UsagePage({ params }: { params: URLSearchParams }) {
  const asked = params.get('by');
  const by = TABS.find(([period]) => period === asked)?.[0] ?? 'week';
  const { data, error } = useApi<UsageAnswer>(`/api/usage?by=${by}`);
  return html`<h1>Usage</h1>
    <${PeriodTabs} page="usage" by=${by} tabs=${TABS} />
    <${LoadState} error=${error} loaded=${data !== null} />
    ${
      data === null
        ? null
        : data.rows.length === 0
          ? html`<p>No token counts in this ledger yet (the proxy's requests, <code>tracker ingest ccusage</code> or Codex rollouts bring them).</p>`
          : html`<p class="muted">${describeCut(data.by)} in ${data.time_zone}; dollars at API list prices (n/a with the reason when a model has no price), not the report's dollars of subscription.</p>
          ${
            // The answer's own kind: until the next tab's answer arrives, the last one is still shown.
            data.by === 'session' ? renderSessions(data) : data.by === 'project' ? renderProjects(data) : renderPeriods(data, data.by)
          }
          <${RoutedNote} routed=${data.routed} shown=${data.rows.map((row) => row.provider)} />`
    }`;
}

const COUNT_HEADERS = html`<th class="num" scope="col">input</th><th class="num" scope="col">output</th><th class="num" scope="col">cache read</th>
  <th class="num" scope="col">cache creation</th><th class="num" scope="col">total</th><th class="num" scope="col">dollars</th>`;

function renderPeriods(data: UsageAnswer, by: string) {
  const rows = data.rows as UsageRow[];
  return html`<table data-testid="usage-table">
    <thead><tr><th scope="col">${by}</th><th scope="col">provider</th><th scope="col">model</th>${COUNT_HEADERS}<th scope="col">source</th></tr></thead>
    <tbody>${rows.map(
      (
        row,
      ) => html`<tr><td>${row.period}</td><td><${ProviderName} provider=${row.provider} routed=${data.routed} names=${data.account_names} /></td><td>${row.model ?? 'n/a'}</td>
        ${renderCounts(row)}<td>${row.source}</td></tr>`,
    )}</tbody>
    <tfoot><tr><th scope="row" colspan="3">Total</th>${renderCounts(data.total, 'some row has no price')}<td></td></tr></tfoot>
  </table>`;
}

function renderSessions(data: UsageAnswer) {
  const rows = data.rows as SessionRow[];
  return html`<table data-testid="usage-sessions">
    <thead><tr><th scope="col">session</th><th scope="col">provider</th><th scope="col">models</th>${COUNT_HEADERS}<th scope="col">last activity</th><th scope="col">source</th></tr></thead>
    <tbody>${rows.map(
      (
        row,
      ) => html`<tr><td>${row.session ?? 'no session'}</td><td><${ProviderName} provider=${row.provider} routed=${data.routed} names=${data.account_names} /></td>
        <td>${row.models.length === 0 ? 'n/a' : row.models.join(', ')}</td>${renderCounts(row)}<td>${row.last_at ?? row.last_day}</td><td>${row.source}</td></tr>`,
    )}</tbody>
    <tfoot><tr><th scope="row" colspan="3">Total</th>${renderCounts(data.total, 'some row has no price')}<td></td><td></td></tr></tfoot>
  </table>`;
}

/** What the table's days are cut by: a session's last activity, a project's days, or the periods. */
function describeCut(by: UsageAnswer['by']): string {
  return by === 'session' ? 'Last activity' : by === 'project' ? 'Days' : 'Periods';
}

/** `tracker usage --by project`'s table: the working directory, `(unknown)` where no source tells. */
function renderProjects(data: UsageAnswer) {
  const rows = data.rows as GroupRow[];
  return html`<table data-testid="usage-projects">
    <thead><tr><th scope="col">project</th><th scope="col">provider</th><th scope="col">models</th>${COUNT_HEADERS}<th scope="col">source</th></tr></thead>
    <tbody>${rows.map(
      (
        row,
      ) => html`<tr><td>${row.group}</td><td><${ProviderName} provider=${row.provider} routed=${data.routed} names=${data.account_names} /></td>
        <td>${row.models.length === 0 ? 'n/a' : row.models.join(', ')}</td>${renderCounts(row)}<td>${row.source}</td></tr>`,
    )}</tbody>
    <tfoot><tr><th scope="row" colspan="3">Total</th>${renderCounts(data.total, 'some row has no price')}<td></td></tr></tfoot>
  </table>`;
}

/** The token cells and the dollars, n/a with the reason where there is no price. */
function renderCounts(row: Counts, reason?: string) {
  const why = row.usd_reason ?? reason ?? 'no price';
  return html`<td class="num">${formatCount(row.input)}</td><td class="num">${formatCount(row.output)}</td><td class="num">${formatCount(row.cache_read)}</td>
    <td class="num">${formatCount(row.cache_creation)}</td><td class="num">${formatCount(row.total)}</td>
    <td class="num" title=${row.usd === null ? why : ''}>${row.usd === null ? `n/a (${why})` : formatUsd(row.usd)}</td>`;
}
