// Limit changes: tokens one percent of each bar bought, per day or week, as a control chart; a shift whose interval excludes the earlier level is named.
import type { LimitChanges, LimitPoint } from '../../reports/index.js';
import { Chart } from './chart.js';
import { formatCount } from './format.js';
import { html } from './html.js';
import { useApi } from './live.js';
import { LoadState, PeriodTabs } from './page-parts.js';

interface LimitsAnswer extends LimitChanges {
  by: 'day' | 'week';
}

function buildLimitSpec(points: LimitPoint[], key: string): Record<string, unknown> {
  const values = points.filter((point) => point.tokens_per_pct !== null);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 640,
    height: 220,
    title: `${key}: tokens bought per 1% of the bar`,
    data: { values },
    layer: [
      {
        mark: { type: 'rule', color: '#4d4d4d' },
        encoding: {
          x: { field: 'period', type: 'ordinal', title: 'period' },
          y: { field: 'low', type: 'quantitative', title: 'tokens per 1%' },
          y2: { field: 'high' },
        },
      },
      {
        mark: { type: 'point', filled: true, size: 70 },
        encoding: {
          x: { field: 'period', type: 'ordinal' },
          y: { field: 'tokens_per_pct', type: 'quantitative' },
          color: { field: 'shift', type: 'nominal', title: 'shift', scale: { domain: [false, true], range: ['#0b57a4', '#a1161c'] } },
        },
      },
    ],
  };
}

export function LimitsPage({ params }: { params: URLSearchParams }) {
  const by = params.get('by') === 'day' ? 'day' : 'week';
  const { data, error } = useApi<LimitsAnswer>(`/api/limits?by=${by}`);
  const groups = new Map<string, LimitPoint[]>();
  for (const point of data?.points ?? []) {
    const key = `${point.provider} ${point.bar === 'five_hour' ? '5h' : point.bar}`;
    groups.set(key, [...(groups.get(key) ?? []), point]);
  }
  return html`<h1>Limit changes</h1>
    <${PeriodTabs} page="limits" by=${by} labels=${['Per day', 'Per week']} />
    <${LoadState} error=${error} loaded=${data !== null} />
    ${
      data === null
        ? null
        : html`<h2>Shifts</h2>
          ${
            data.shifts.length === 0
              ? html`<p data-testid="shifts">No shift: every period's interval holds the earlier level (or there are too few periods to tell).</p>`
              : html`<ul data-testid="shifts">${data.shifts.map((line) => html`<li>${line}</li>`)}</ul>`
          }
          ${[...groups.entries()].map(
            ([key, points]) => html`<h2>${key}</h2>
            <${Chart} opensArms=${false} key=${`limits-${key}`} chartKey=${`limits-${key.replace(/\W+/g, '-')}`} title=${key} spec=${buildLimitSpec(points, key)} />
            <table><thead><tr><th scope="col">period</th><th class="num" scope="col">tokens per 1%</th><th scope="col">95% interval</th><th class="num" scope="col">windows</th><th scope="col">note</th></tr></thead>
              <tbody>${points.map(
                (
                  point,
                ) => html`<tr><td>${point.period}</td><td class="num">${formatCount(point.tokens_per_pct === null ? null : Math.round(point.tokens_per_pct))}</td>
                <td>${point.low === null || point.high === null ? 'n/a' : `${formatCount(Math.round(point.low))} to ${formatCount(Math.round(point.high))}`}</td>
                <td class="num">${point.n}</td><td>${point.shift ? 'shift' : (point.reason ?? '')}</td></tr>`,
              )}</tbody></table>`,
          )}`
    }`;
}
