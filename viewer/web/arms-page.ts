// Arms: the completed windows as a table, filtered, sorted and paged by the server; a row (click, Enter or Space) opens its arm.
import { useEffect, useState } from 'preact/hooks';
import type { ArmPage as ArmPageData, ArmRow } from '../arm-rows.js';
import { formatCount, formatDuration, formatFraction, formatUsd } from './format.js';
import { html, linkTo, linkToArm } from './html.js';
import { useApi } from './live.js';

const PAGE_SIZE = 50;

const COLUMNS: { key: string; label: string; num?: boolean; show: (row: ArmRow) => unknown }[] = [
  { key: 'task', label: 'task', show: (row) => row.task ?? 'n/a' },
  { key: 'provider', label: 'provider', show: (row) => row.provider },
  { key: 'epoch', label: 'epoch', num: true, show: (row) => row.epoch ?? '-' },
  { key: 'period', label: 'period', num: true, show: (row) => row.period ?? '-' },
  { key: 'outcome', label: 'outcome', show: (row) => html`<span class=${`outcome-${row.outcome}`}>${row.outcome}</span>` },
  { key: 'quality', label: 'quality', num: true, show: (row) => formatFraction(row.quality) },
  { key: 'resolved', label: 'resolved', show: (row) => (row.resolved === null ? 'n/a' : row.resolved ? 'yes' : 'no') },
  {
    key: 'tests_passed',
    label: 'tests passed',
    num: true,
    show: (row) => (row.tests_total === null ? 'n/a' : `${row.tests_passed}/${row.tests_total}`),
  },
  { key: 'broken', label: 'broken', num: true, show: (row) => row.broken ?? 'n/a' },
  { key: 'usd', label: 'list-price $', num: true, show: (row) => formatUsd(row.usd) },
  { key: 'tokens', label: 'tokens', num: true, show: (row) => formatCount(row.tokens) },
  { key: 'duration_ms', label: 'duration', num: true, show: (row) => formatDuration(row.duration_ms) },
  { key: 'isolation', label: 'isolation', show: (row) => row.isolation ?? 'n/a' },
];

function go(params: URLSearchParams, change: Record<string, string>): void {
  const next = Object.fromEntries(params);
  location.hash = linkTo('arms', { ...next, offset: '0', ...change });
}

function openOnKey(event: KeyboardEvent, windowId: string): void {
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    location.hash = linkToArm(windowId);
  }
}

export function ArmsPage({ params }: { params: URLSearchParams }) {
  const sort = params.get('sort') ?? 'completed_at';
  const desc = params.get('desc') === '1';
  const offset = Number(params.get('offset') ?? '0') || 0;
  const query = new URLSearchParams({ sort, desc: desc ? '1' : '0', offset: String(offset), limit: String(PAGE_SIZE) });
  for (const key of ['q', 'provider', 'outcome', 'plan', 'task']) {
    const value = params.get(key);
    if (value) query.set(key, value);
  }
  const { data, error } = useApi<ArmPageData & { generation: number }>(`/api/arms?${query}`);
  const [text, setText] = useState(params.get('q') ?? '');
  useEffect(() => setText(params.get('q') ?? ''), [params.get('q')]);
  const select = (key: string, label: string, choices: string[]) => html`<label>${label}
      <select value=${params.get(key) ?? ''} onChange=${(event: Event) => go(params, { [key]: (event.target as HTMLSelectElement).value })}>
        <option value="">all</option>
        ${choices.map((choice) => html`<option value=${choice}>${choice}</option>`)}
      </select></label>`;
  return html`<h1>Arms</h1>
    <form class="controls" role="search" onSubmit=${(event: Event) => {
      event.preventDefault();
      go(params, { q: text });
    }}>
      <label>filter (task, provider, outcome, window)
        <input type="search" value=${text} onInput=${(event: Event) => setText((event.target as HTMLInputElement).value)} />
      </label>
      <button class="action" type="submit">Filter</button>
      ${select('provider', 'provider', data?.choices.provider ?? [])}
      ${select('outcome', 'outcome', data?.choices.outcome ?? [])}
      ${select('plan', 'plan', data?.choices.plan_id ?? [])}
      ${params.get('task') ? html`<button class="action" type="button" onClick=${() => go(params, { task: '' })}>task ${params.get('task')} (show all)</button>` : null}
    </form>
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    ${
      data === null
        ? html`<p class="muted">Loading...</p>`
        : html`<p class="muted" data-testid="arms-count">${data.matched.toLocaleString('en-US')} of ${data.total.toLocaleString('en-US')} arms${data.matched > 0 ? `, ${offset + 1}-${Math.min(offset + PAGE_SIZE, data.matched)} shown` : ''}. Click a row, or focus it and press Enter, to open the arm.</p>
        <p class="muted" data-testid="arms-dollars-note">List-price $: the arm's tokens at the APIs' list prices, what they would cost paid by the token. Not the report's dollars of subscription, which price each provider's tokens at its plan's price per weighted token, calibrated on its own bars.</p>
        <table data-testid="arms-table">
          <thead><tr>
            ${COLUMNS.map(
              (
                column,
              ) => html`<th scope="col" class=${column.num ? 'num' : ''} aria-sort=${sort === column.key ? (desc ? 'descending' : 'ascending') : undefined}>
                <button type="button" onClick=${() => go(params, { sort: column.key, desc: sort === column.key && !desc ? '1' : '0' })}>
                  ${column.label}${sort === column.key ? (desc ? ' ▼' : ' ▲') : ''}
                </button></th>`,
            )}
          </tr></thead>
          <tbody>
            ${data.rows.map(
              (
                row,
              ) => html`<tr class="clickable" tabindex="0" data-window=${row.window_id} aria-label=${`open arm ${row.task ?? row.window_id} with ${row.provider}`}
                  onClick=${() => (location.hash = linkToArm(row.window_id))} onKeyDown=${(event: KeyboardEvent) => openOnKey(event, row.window_id)}>
                ${COLUMNS.map((column) => html`<td class=${column.num ? 'num' : ''}>${column.show(row)}</td>`)}
              </tr>`,
            )}
          </tbody>
        </table>
        <div class="pager">
          <button class="action" type="button" disabled=${offset === 0} onClick=${() => go(params, { offset: String(Math.max(0, offset - PAGE_SIZE)) })}>Previous</button>
          <button class="action" type="button" disabled=${offset + PAGE_SIZE >= data.matched} onClick=${() => go(params, { offset: String(offset + PAGE_SIZE) })}>Next</button>
        </div>`
    }`;
}
