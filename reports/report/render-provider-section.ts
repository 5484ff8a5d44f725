// The report's per-provider tables: efficiency with its interval, then usage (capacity, tokens, cost, outcomes, duration).
import { pluralize } from '../../kernel/index.js';
import type { ProviderMetrics } from '../metrics/summarize-provider-metrics.js';
import type { ExperimentReport } from './experiment-report.js';
import {
  formatDuration,
  formatInterval,
  formatNumber,
  formatPercent,
  formatReadingStep,
  formatTable,
  formatUnitShort,
  formatUsdAmount,
} from './format-values.js';

/** Lines of the "Providers" section (heading included); `chart` is the efficiency chart's file name, if drawn. */
export function renderProviderSection(report: ExperimentReport, chart: string | null): string[] {
  const lines = ['## Providers', ''];
  if (report.providers.length === 0) return [...lines, 'No completed window has a capacity unit yet.'];
  const confidence = `${Math.round(report.settings.confidence * 100)}% CI`;
  const unitText =
    report.settings.unit === 'usd'
      ? "Efficiency is quality points per dollar of subscription: the share of each plan's monthly price the window's binding bar used (docs/providers.md); `--unit bars` shows it per 1% of the 5h window instead."
      : `Efficiency is quality points per 1% of the 5h window (per 1M tokens for token-metered windows), not per dollar: ${report.settings.unit_reason ?? 'bars asked for'}.`;
  lines.push(
    `${unitText} n counts windows with a non-zero capacity, and below 3 the interval is \`ci=n/a\`. ci_width = (high - low) / |mean|.`,
    '',
    ...formatTable(
      ['provider', 'unit', 'windows', 'n', 'efficiency', confidence, 'ci_width', 'per 1M tokens', 'quality', 'outcomes'],
      report.providers.map((summary) => [
        summary.provider,
        formatUnitShort(summary.unit),
        String(summary.windows),
        String(summary.efficiency.n),
        formatNumber(summary.efficiency.mean),
        // A bound below 0 is cut there (efficiency cannot be negative), and marked so nobody reads 0 as measured.
        `${formatInterval(summary.efficiency.low, summary.efficiency.high, summary.efficiency.na)}${summary.efficiency.clamped ? ' (cut at 0)' : ''}`,
        formatNumber(summary.efficiency.ci_width),
        summary.unit === 'tokens' ? '(as efficiency)' : formatPerMillion(summary),
        formatNumber(summary.mean_quality),
        formatOutcomes(summary),
      ]),
      ['l', 'l', 'r', 'r', 'r', 'l', 'r', 'r', 'r', 'l'],
    ),
    '',
    ...renderSmallSampleWarnings(report),
    ...formatTable(
      [
        'provider',
        'plan',
        'capacity used',
        '$ of subscription',
        'tokens',
        'API cost',
        'tokens / success',
        'API cost / success',
        'success rate',
        'mean duration',
      ],
      report.providers.map((summary) => [
        summary.provider,
        summary.plans.join(', ') || 'none',
        summary.unit === 'tokens' ? `${formatNumber(summary.capacity_used)} tok` : `${formatNumber(summary.capacity_used)}% 5h`,
        summary.usd_used === null ? 'n/a' : formatUsdAmount(summary.usd_used),
        summary.tokens === null
          ? 'n/a'
          : `${formatNumber(summary.tokens)}${summary.windows_with_tokens < summary.windows ? ` (${pluralize(summary.windows_with_tokens, 'window')})` : ''}`,
        summary.cost_usd === null
          ? 'n/a'
          : `${formatUsdAmount(summary.cost_usd)}${summary.windows_with_cost < summary.windows ? ` (${pluralize(summary.windows_with_cost, 'window')})` : ''}`,
        formatNumber(summary.tokens_per_success),
        formatUsdAmount(summary.cost_per_success_usd),
        formatPercent(summary.success_rate, 0),
        formatDuration(summary.mean_duration_ms),
      ]),
      ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    ...renderCalibrations(report),
    "Tokens and API cost are the proxy's counts joined by window_id (else the captures' token counts, without cost); per success divides by the successful windows among those counted, so failed windows' tokens count against it.",
  );
  if (chart) lines.push('', `![Efficiency per provider with ${confidence}s](${chart})`);
  return lines;
}

/** Under the efficiency table: each interval from fewer than 30 windows, with its measured coverage on skewed data (small-sample-coverage.ts). */
function renderSmallSampleWarnings(report: ExperimentReport): string[] {
  // Providers with the same n share the same measured coverage: say it once per n, not once per provider.
  const byWarning = new Map<string, string[]>();
  for (const { provider, efficiency } of report.providers) {
    if (!efficiency.small_sample_warning) continue;
    const boot = efficiency.bootstrap_t
      ? ` ${formatInterval(efficiency.bootstrap_t.low, efficiency.bootstrap_t.high)}${efficiency.bootstrap_t.clamped ? ' (cut at 0)' : ''}`
      : ' (n/a below 5 values)';
    byWarning.set(efficiency.small_sample_warning, [...(byWarning.get(efficiency.small_sample_warning) ?? []), `${provider}${boot}`]);
  }
  const lines = [...byWarning].map(([warning, providers]) => `- ${warning}. Studentized bootstrap: ${providers.join('; ')}.`);
  return lines.length === 0 ? [] : ['Small samples (see docs/reports.md, "How honest are the intervals"):', ...lines, ''];
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

/**
 * Each provider's price: % of each bar one list-price dollar of its own requests moved, the $ of subscription per
 * list dollar of the bar that binds, with its interval, or why it is unknown (a bar that did not move).
 */
function renderCalibrations(report: ExperimentReport): string[] {
  const level = `${Math.round(report.settings.confidence * 100)}% CI`;
  const perDollar = (rate: number): string => (rate <= 0 ? 'n/a' : formatNumber(1 / rate));
  const rows = report.calibrations.flatMap((entry) =>
    (['five_hour', 'weekly'] as const).flatMap((bar) => {
      const calibration = entry[bar];
      if (!calibration) return [];
      const rate = entry.usd_per_list_usd;
      const price =
        rate === null
          ? 'unknown'
          : rate.binding === bar
            ? `${formatNumber(rate.estimate)} [${formatNumber(rate.low)}, ${formatNumber(rate.high)}] (binds)`
            : '';
      return [
        [
          entry.provider,
          entry.plan,
          bar === 'five_hour' ? '5h' : 'weekly',
          `${formatNumber(calibration.moved)}%`,
          formatReadingStep(calibration.step),
          String(calibration.n),
          perDollar(calibration.pct_per_unit),
          calibration.low <= 0
            ? `[${perDollar(calibration.high)}, unbounded]`
            : `[${perDollar(calibration.high)}, ${perDollar(calibration.low)}]`,
          price,
        ],
      ];
    }),
  );
  if (rows.length === 0) return [];
  const unknown = report.calibrations.filter((entry) => entry.usd_per_list_usd === null).map((entry) => `- ${entry.unknown_reason}.`);
  return [
    "Each arm's dollars are what it used at list price (the proxy's tokens by kind, priced as the provider prices them) times its plan's $ of subscription per list-price $, calibrated on the bar that binds from every window of the provider (the bar's summed deltas over the summed list price, with an interval for the metering's scatter and the readings' rounding). A bar that did not move leaves the price unknown, never $0.",
    '',
    ...formatTable(['provider', 'plan', 'bar', 'moved', 'readings', 'windows', 'list $ per 1%', level, '$ sub per list $'], rows, [
      'l',
      'l',
      'l',
      'r',
      'l',
      'r',
      'r',
      'l',
      'l',
    ]),
    '',
    ...(unknown.length > 0 ? [...unknown, ''] : []),
  ];
}
