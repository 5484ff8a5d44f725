// One arm: what it did (transcript, diff, tests, from its evidence), what it cost (captures before and after, the proxy's requests) and its window row.
import type { ArmDetail } from '../read-arm-detail.js';
import { formatCount, formatTime } from './format.js';
import { html, linkTo } from './html.js';
import { useApi } from './live.js';
import { Evidence } from './evidence-view.js';

type Row = Record<string, unknown>;

/** A snapshot's bars (`five_hour 12% (resets 14:05)`) and token counts, as read. */
function describeBars(row: Row): string {
  const parts: string[] = [];
  const bars = row.bars as Record<string, { used_pct?: number; resets_at?: string | null } | null> | undefined;
  for (const [name, bar] of Object.entries(bars ?? {}))
    if (bar && typeof bar.used_pct === 'number')
      parts.push(`${name} ${bar.used_pct}%${bar.resets_at ? ` (resets ${formatTime(bar.resets_at)})` : ''}`);
  const tokens = row.tokens as Record<string, unknown> | undefined;
  if (tokens && typeof tokens === 'object')
    for (const [name, value] of Object.entries(tokens)) if (typeof value === 'number') parts.push(`${name} ${formatCount(value)} tokens`);
  return parts.join(', ') || 'no bar or token count';
}

function Captures({ rows }: { rows: Row[] }) {
  if (rows.length === 0) return html`<p class="muted">No capacity capture is tagged with this window.</p>`;
  return html`<table>
    <thead><tr><th scope="col">phase</th><th scope="col">captured at</th><th scope="col">source</th><th scope="col">format</th><th scope="col">reading</th></tr></thead>
    <tbody>${rows.map(
      (row) => html`<tr>
        <td>${String(row.phase ?? '-')}</td><td>${formatTime(String(row.captured_at ?? row.ts ?? ''))}</td>
        <td>${String(row.source ?? '-')}${row.notes ? ` (${String(row.notes)})` : ''}</td><td>${String(row.format ?? '-')}</td><td>${describeBars(row)}</td>
      </tr>`,
    )}</tbody></table>`;
}

function Requests({ rows, total }: { rows: Row[]; total: number }) {
  if (rows.length === 0) return html`<p class="muted">The proxy saw no request for this window.</p>`;
  return html`<p class="muted">${total} request(s)${total > rows.length ? `, the first ${rows.length} listed` : ''}.</p>
    <table data-testid="requests">
      <thead><tr><th scope="col">time</th><th scope="col">model</th><th scope="col">route</th><th scope="col">status</th>
        <th class="num" scope="col">input</th><th class="num" scope="col">output</th><th class="num" scope="col">cache read</th><th class="num" scope="col">latency ms</th></tr></thead>
      <tbody>${rows.map(
        (row) => html`<tr>
          <td>${formatTime(String(row.timestamp ?? ''))}</td><td>${String(row.model ?? '-')}</td>
          <td>${String(row.route ?? '-')} to ${String(row.backend_provider ?? '-')}</td><td>${String(row.status ?? '-')}</td>
          <td class="num">${formatCount(row.prompt_tokens as number | null)}</td><td class="num">${formatCount(row.completion_tokens as number | null)}</td>
          <td class="num">${formatCount(row.cache_read_tokens as number | null)}</td><td class="num">${String(row.latency_ms ?? '-')}</td>
        </tr>`,
      )}</tbody></table>`;
}

export function ArmPage({ windowId }: { windowId: string }) {
  const { data, error } = useApi<ArmDetail & { generation: number }>(`/api/arm/${encodeURIComponent(windowId)}`);
  const window = data?.window ?? null;
  return html`<p><a href=${linkTo('arms')}>All arms</a></p>
    <h1>Arm ${windowId}</h1>
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    ${
      data === null
        ? error
          ? null
          : html`<p class="muted">Loading...</p>`
        : html`
        ${
          window
            ? html`<dl class="kv" data-testid="arm-summary">
              <dt>task</dt><dd>${String(window.feature_id ?? 'n/a')}</dd>
              <dt>provider</dt><dd>${String(window.provider)}</dd>
              <dt>outcome</dt><dd><span class=${`outcome-${String(window.outcome)}`}>${String(window.outcome)}</span>, quality ${String(window.quality_score)}</dd>
              <dt>notes</dt><dd>${String(window.notes ?? '-')}</dd>
              <dt>errors</dt><dd>${(window.errors as string[] | undefined)?.join(', ') || 'none'}</dd>
            </dl>`
            : html`<p>This arm has not finished (no window row yet): what it recorded so far is below.</p>`
        }
        <${Evidence} evidence=${(data as { evidence?: unknown }).evidence ?? null} />
        <h2>Capacity captures</h2>
        <${Captures} rows=${data.captures} />
        <h2>Requests the proxy saw</h2>
        <${Requests} rows=${data.requests} total=${data.requests_total} />
        <h2>The window row</h2>
        ${window ? html`<pre data-testid="window-row">${JSON.stringify(window, null, 2)}</pre>` : html`<p class="muted">none yet</p>`}
      `
    }`;
}
