// Bars: each subscription's 5-hour and weekly bars from every source the ledger has, the burn rate, the projected time to the limit and the resets.
import { useState } from 'preact/hooks';
import type { BarProjection, BarSeries } from '../../reports/index.js';
import type { FailoverDay } from '../fold-failover-moves.js';
import { markBarPeriods } from './bar-periods.js';
import { Chart } from './chart.js';
import { FailoverMoves } from './failover-moves.js';
import { formatDuration, formatTime } from './format.js';
import { html, linkTo } from './html.js';
import { useApi } from './live.js';
import { LoadState, ProviderName, RoutedNote } from './page-parts.js';

interface BarsAnswer {
  generation: number;
  routed?: Record<string, string[]>;
  thresholds: number[];
  series: BarSeries[];
  projections: BarProjection[];
  /** Each account's tasks left before a bar binds, as `tracker plans` words it. */
  headroom?: { provider: string; line: string }[];
  /** The e-mail of each `provider@acct-…` label shown, read from its login's config dir when the viewer started. */
  account_names?: Record<string, string>;
  /** The proxy's failover moves per day, newest first, and how many such rows there are in all. */
  failovers?: FailoverDay[];
  failover_rows?: number;
}

const BAR_LABELS: Record<string, string> = { five_hour: '5-hour', weekly: 'weekly', weekly_sonnet: 'weekly (Sonnet)', daily: 'daily' };

/** The series' readings by source, the thresholds as rules, and the projection to 100% as a dashed line. */
export function buildBarSpec(series: BarSeries, projection: BarProjection | undefined, thresholds: number[]): Record<string, unknown> {
  const last = series.points.at(-1);
  const projected =
    projection?.limit_at && last
      ? [
          { at: last.at, used_pct: last.used_pct },
          { at: projection.limit_at, used_pct: 100 },
        ]
      : [];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 640,
    height: 220,
    title: `${series.provider}: ${BAR_LABELS[series.bar] ?? series.bar} bar`,
    layer: [
      {
        // One line per source and period: never a straight line drawn across a reset.
        data: { values: markBarPeriods(series.points) },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'at', type: 'temporal', title: 'time' },
          y: { field: 'used_pct', type: 'quantitative', title: '% used', scale: { domain: [0, 100] } },
          color: { field: 'source', type: 'nominal', title: 'source' },
          detail: { field: 'period', type: 'nominal' },
        },
      },
      {
        data: { values: projected },
        mark: { type: 'line', strokeDash: [6, 4], color: '#555' },
        encoding: { x: { field: 'at', type: 'temporal' }, y: { field: 'used_pct', type: 'quantitative' } },
      },
      {
        data: { values: thresholds.map((pct) => ({ pct })) },
        mark: { type: 'rule', color: '#a1161c', strokeDash: [2, 2] },
        encoding: { y: { field: 'pct', type: 'quantitative' } },
      },
    ],
  };
}

function describeBurn(p: BarProjection): string {
  if (p.burn_pct_per_hour === null) return 'n/a';
  const interval = p.burn_low !== null && p.burn_high !== null ? ` (95% CI ${p.burn_low.toFixed(2)} to ${p.burn_high.toFixed(2)})` : '';
  return `${p.burn_pct_per_hour.toFixed(2)} %/h${interval}`;
}

function describeLimit(p: BarProjection): string {
  if (p.limit_at === null) return p.reason ? `n/a: ${p.reason}` : 'n/a';
  const range = p.limit_early || p.limit_late ? ` (between ${formatTime(p.limit_early)} and ${formatTime(p.limit_late)})` : '';
  const before =
    p.limited_before_reset === null ? '' : p.limited_before_reset ? '; before the reset' : '; after the reset (it resets first)';
  return `${describeFromNow(p.limit_at)}: ${formatTime(p.limit_at)}${range}${before}`;
}

/** "in 6 h 36 min" or "2 min ago": the time to the limit is what a reader looks for first. */
function describeFromNow(iso: string): string {
  const ms = new Date(iso).getTime() - Date.now();
  if (!Number.isFinite(ms)) return 'n/a';
  const span = formatDuration(Math.abs(Math.round(ms / 1000) * 1000));
  return ms >= 0 ? `in ${span}` : `${span} ago`;
}

export function BarsPage({ params }: { params: URLSearchParams }) {
  const [text, setText] = useState(params.get('thresholds') ?? '80,95');
  const thresholds = params.get('thresholds') ?? '80,95';
  const { data, error } = useApi<BarsAnswer>(`/api/bars?thresholds=${encodeURIComponent(thresholds)}`);
  return html`<h1>Bars</h1>
    <form class="controls" onSubmit=${(event: Event) => {
      event.preventDefault();
      location.hash = linkTo('bars', { thresholds: text });
    }}>
      <label>thresholds (% of a bar, comma-separated)<input value=${text} onInput=${(event: Event) => setText((event.target as HTMLInputElement).value)} /></label>
      <button class="action" type="submit">Apply</button>
    </form>
    <${LoadState} error=${error} loaded=${data !== null} />
    ${
      data === null
        ? null
        : data.projections.length === 0
          ? html`<p>No bar reading in this ledger yet: capture one (<code>tracker snapshot</code>, <code>tracker quota</code>, the proxy's headers or the statusLine) and it shows up here.</p>`
          : html`<table data-testid="bars-table">
              <thead><tr><th scope="col">provider</th><th scope="col">bar</th><th class="num" scope="col">used now</th><th scope="col">read at</th>
                <th scope="col">burn rate</th><th scope="col">projected limit</th><th scope="col">resets at</th>
                ${data.thresholds.map((pct) => html`<th scope="col">${pct}%</th>`)}</tr></thead>
              <tbody>${data.projections.map(
                (p) => html`<tr>
                  <td><${ProviderName} provider=${p.provider} routed=${data.routed} names=${data.account_names} /></td><td>${BAR_LABELS[p.bar] ?? p.bar}</td><td class="num">${p.used_pct === null ? 'n/a' : `${p.used_pct}%`}</td>
                  <td>${formatTime(p.at)}</td><td>${describeBurn(p)}</td><td data-testid="time-to-limit">${describeLimit(p)}</td><td>${formatTime(p.resets_at)}</td>
                  ${p.thresholds.map((t) => html`<td>${t.crossed_at ? `crossed ${formatTime(t.crossed_at)}` : t.projected_at ? `about ${formatTime(t.projected_at)}` : 'n/a'}</td>`)}
                </tr>`,
              )}</tbody>
            </table>
            ${
              data.headroom && data.headroom.length > 0
                ? html`<h2>Headroom</h2><ul data-testid="bars-headroom">${data.headroom.map((one) => html`<li>${one.line}${data.account_names?.[one.provider] ? ` (${data.account_names[one.provider]})` : ''}</li>`)}</ul>
                    <p class="muted">Tasks like your last 20 (sessions, else requests) that fit before a bar binds, from its calibration and the spread of those tasks' tokens (docs/plans.md).</p>`
                : null
            }
            <${RoutedNote} routed=${data.routed} shown=${data.projections.map((p) => p.provider)} />
            ${data.series.map((series) => {
              const projection = data.projections.find((p) => p.provider === series.provider && p.bar === series.bar);
              const key = `bar-${series.provider}-${series.bar}`;
              const earlier = series.earlier
                ? html`<p class="muted" data-testid="bar-earlier">The last 8 days are drawn; ${series.earlier.points.toLocaleString('en-US')} earlier readings since ${formatTime(series.earlier.first_at)} are not (see Limit changes for the longer run).</p>`
                : null;
              return html`<${Chart} opensArms=${false} key=${key} chartKey=${key} title=${`${series.provider} ${series.bar}`} spec=${buildBarSpec(series, projection, data.thresholds)} />${earlier}`;
            })}`
    }
    ${data === null ? null : html`<${FailoverMoves} moves=${data.failovers} total=${data.failover_rows} bars=${BAR_LABELS} />`}`;
}
