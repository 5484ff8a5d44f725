// Limit changes: tokens one percent of each bar bought, per day or week, as a control chart; a shift whose interval excludes the earlier level is named.
import type { EverydayCalibration, LimitChanges, LimitPoint } from '../../reports/index.js';
import { Chart } from './chart.js';
import { formatCount } from './format.js';
import { html } from './html.js';
import { useApi } from './live.js';
import { LoadState, PeriodTabs, ProviderName } from './page-parts.js';

interface LimitsAnswer extends LimitChanges {
  by: 'day' | 'week';
  calibration: EverydayCalibration[];
  /** The e-mail of each `provider@acct-…` label shown, read from its login's config dir when the viewer started. */
  account_names?: Record<string, string>;
}

const BAR_LABELS: Record<string, string> = { five_hour: '5h', weekly: 'weekly', weekly_sonnet: 'weekly sonnet', daily: 'daily' };

function formatRate(value: number | null): string {
  return value === null ? 'n/a' : String(Number(value.toPrecision(4)));
}

/** tracker calibrate's table over the bars the viewer keeps: each bar's tokens per 1% and % per list $, each plan's price. */
function CalibrationTable({ calibrations, names }: { calibrations: EverydayCalibration[]; names: Record<string, string> | undefined }) {
  if (calibrations.length === 0)
    return html`<p data-testid="calibration">No provider has both bar readings and recorded use in the bars' recent span.</p>`;
  return html`<table data-testid="calibration"><thead><tr><th scope="col">provider</th><th scope="col">plan</th><th scope="col">bar</th>
      <th class="num" scope="col">pairs</th><th scope="col">tokens per 1% (95%)</th><th scope="col">% per list $ (95%)</th><th class="num" scope="col">moves without use</th></tr></thead>
    <tbody>${calibrations.flatMap((calibration) =>
      calibration.bars.map(
        (
          bar,
        ) => html`<tr><td><${ProviderName} provider=${calibration.provider} routed=${undefined} names=${names} /></td><td>${calibration.plan ?? '-'}</td><td>${BAR_LABELS[bar.bar] ?? bar.bar}</td>
          <td class="num">${bar.pairs}</td>
          <td>${bar.tokens_per_pct === null ? 'n/a' : `${formatCount(Math.round(bar.tokens_per_pct.estimate))} (${formatCount(bar.tokens_per_pct.low === null ? null : Math.round(bar.tokens_per_pct.low))} to ${formatCount(bar.tokens_per_pct.high === null ? null : Math.round(bar.tokens_per_pct.high))})`}</td>
          <td>${bar.per_usd === null ? 'n/a' : `${formatRate(bar.per_usd.pct_per_unit)} (${formatRate(bar.per_usd.low)} to ${formatRate(bar.per_usd.high)})`}</td>
          <td class="num">${bar.unrecorded_moves}</td></tr>`,
      ),
    )}</tbody></table>
    <ul>${calibrations.map((calibration) =>
      calibration.price === null
        ? html`<li>${calibration.provider}: no plan recorded, so no price.</li>`
        : calibration.price.usd_per_list_usd === null
          ? html`<li>${calibration.price.unknown_reason}.</li>`
          : html`<li>${calibration.provider} on ${calibration.plan}: $${formatRate(calibration.price.usd_per_list_usd.estimate)} of subscription per list-price $ (${formatRate(calibration.price.usd_per_list_usd.low)} to ${formatRate(calibration.price.usd_per_list_usd.high)}), on the ${BAR_LABELS[calibration.price.usd_per_list_usd.binding]} bar.</li>`,
    )}</ul>`;
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
    <${PeriodTabs} page="limits" by=${by} tabs=${[['day', 'Per day'], ['week', 'Per week']]} />
    <${LoadState} error=${error} loaded=${data !== null} />
    ${
      data === null
        ? null
        : html`<h2>Everyday calibration</h2>
          <p>Every two readings of a bar in one period, with the use recorded between them (the proxy's, else the agents' own OpenTelemetry), over the bars kept on the Bars page (tracker calibrate: docs/bars.md#everyday-calibration). A move without use means something else used the account.</p>
          <${CalibrationTable} calibrations=${data.calibration ?? []} names=${data.account_names} />
          <h2>Shifts</h2>
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
