// Report: the report of a plan as `experiment report` writes it, its sections rendered from the markdown and its charts drawn live.
import type { ReportView } from '../read-ledger-view.js';
import { Chart } from './chart.js';
import { formatTime } from './format.js';
import { html, linkTo } from './html.js';
import { useApi } from './live.js';
import { renderMarkdown } from './markdown.js';

interface ReportAnswer {
  generation: number;
  computing: boolean;
  error?: string | null;
  reports: ReportView[];
}

export function ReportPage({ params }: { params: URLSearchParams }) {
  const { data, error } = useApi<ReportAnswer>('/api/report');
  const wanted = params.get('plan');
  const reports = data?.reports ?? [];
  const report = reports.find((candidate) => candidate.plan_id === wanted) ?? reports[0] ?? null;
  const drawImage = (alt: string, address: string) => {
    const key = address.startsWith('chart:') ? address.slice(6) : null;
    const chart = report?.charts.find((candidate) => candidate.key === key);
    return chart
      ? html`<${Chart} key=${`${report?.plan_id}-${chart.key}`} chartKey=${chart.key} title=${chart.title || alt} spec=${chart.spec} />`
      : null;
  };
  return html`<h1>Report</h1>
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    ${data?.error ? html`<p class="error" role="alert">The report could not be built: ${data.error}</p>` : null}
    ${
      reports.length > 1
        ? html`<label>plan <select value=${report?.plan_id ?? ''} onChange=${(event: Event) => (location.hash = linkTo('report', { plan: (event.target as HTMLSelectElement).value }))}>
          ${reports.map((candidate) => html`<option value=${candidate.plan_id ?? ''}>${candidate.plan_id ?? 'all windows'}</option>`)}
        </select></label>`
        : null
    }
    ${
      data === null || (report === null && data.computing)
        ? html`<p class="muted" role="status">Computing the report (on a large ledger this takes a while; the other pages work meanwhile)...</p>`
        : report === null
          ? html`<p>No completed window yet: the report appears with the first finished arm.</p>`
          : html`<p class="muted">As of ${formatTime(report.generated_at)}${data.computing ? '; updating for the latest rows...' : ''}</p>
            <article class="md" data-testid="report">${renderMarkdown(report.markdown, drawImage)}</article>`
    }`;
}
