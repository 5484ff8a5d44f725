// The report's per-provider tables: efficiency with its interval, then usage (capacity, tokens, cost, outcomes, duration).
import type { ProviderMetrics } from '../metrics/summarize-provider-metrics.js';
import type { ExperimentReport } from './experiment-report.js';
import { formatDuration, formatInterval, formatNumber, formatPercent, formatTable, formatUsdAmount } from './format-values.js';

/** Lines of the "Providers" section (heading included); `chart` is the efficiency chart's file name, if drawn. */
export function renderProviderSection(report: ExperimentReport, chart: string | null): string[] {
  const lines = ['## Providers', ''];
  if (report.providers.length === 0) return [...lines, 'No completed window has a capacity unit yet.'];
  const confidence = `${Math.round(report.settings.confidence * 100)}% CI`;
  lines.push(
    'Efficiency is quality points per 1% of the 5h window (per 1M tokens for token-metered windows); n counts windows with a non-zero capacity delta, and below 3 the interval is `ci=n/a`. ci_width = (high - low) / |mean|.',
    '',
    ...formatTable(
      ['provider', 'unit', 'windows', 'n', 'efficiency', confidence, 'ci_width', 'per 1M tokens', 'quality', 'outcomes'],
      report.providers.map((summary) => [
        summary.provider,
        summary.unit === 'tokens' ? 'tokens' : '% 5h',
        String(summary.windows),
        String(summary.efficiency.n),
        formatNumber(summary.efficiency.mean),
        formatInterval(summary.efficiency.low, summary.efficiency.high),
        formatNumber(summary.efficiency.ci_width),
        summary.unit === 'tokens' ? '(as efficiency)' : formatPerMillion(summary),
        formatNumber(summary.mean_quality),
        formatOutcomes(summary),
      ]),
      ['l', 'l', 'r', 'r', 'r', 'l', 'r', 'r', 'r', 'l'],
    ),
    '',
    ...formatTable(
      ['provider', 'unit', 'capacity used', 'tokens', 'cost', 'tokens / success', 'cost / success', 'success rate', 'mean duration'],
      report.providers.map((summary) => [
        summary.provider,
        summary.unit === 'tokens' ? 'tokens' : '% 5h',
        summary.unit === 'tokens' ? `${formatNumber(summary.capacity_used)} tok` : `${formatNumber(summary.capacity_used)}%`,
        summary.tokens === null ? 'n/a' : `${formatNumber(summary.tokens)}${summary.windows_with_tokens < summary.windows ? ` (${plural(summary.windows_with_tokens, 'window')})` : ''}`,
        summary.cost_usd === null ? 'n/a' : `${formatUsdAmount(summary.cost_usd)}${summary.windows_with_cost < summary.windows ? ` (${plural(summary.windows_with_cost, 'window')})` : ''}`,
        formatNumber(summary.tokens_per_success),
        formatUsdAmount(summary.cost_per_success_usd),
        formatPercent(summary.success_rate, 0),
        formatDuration(summary.mean_duration_ms),
      ]),
      ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    'Tokens and cost are the proxy\'s counts joined by window_id (else the captures\' token counts, without cost); per success divides by the successful windows among those counted, so failed windows\' tokens count against it.',
  );
  if (chart) lines.push('', `![Efficiency per provider with ${confidence}s](${chart})`);
  return lines;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function formatPerMillion(summary: ProviderMetrics): string {
  const { efficiency_per_mtok: perMillion } = summary;
  if (perMillion.n === 0) return 'n/a';
  return `${formatNumber(perMillion.mean)} (n=${perMillion.n})`;
}

function formatOutcomes(summary: ProviderMetrics): string {
  return Object.entries(summary.outcomes)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0) || a[0].localeCompare(b[0]))
    .map(([outcome, count]) => `${outcome} ${count}`)
    .join(', ');
}
