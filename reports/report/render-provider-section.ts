// The report's per-provider tables: what each provider used and got (capacity, dollars, tokens, cost, outcomes, duration), and its price's calibration.
import { pluralize } from '../../kernel/index.js';
import { BAR_KINDS, PRICED_BARS } from '../../ledger/schemas/index.js';
import type { ProviderMetrics } from '../metrics/summarize-provider-metrics.js';
import type { ExperimentReport } from './experiment-report.js';
import {
  formatDuration,
  formatInterval,
  formatNumber,
  formatPercent,
  formatReadingStep,
  formatTable,
  formatUnit,
  formatUnitShort,
  formatUsdAmount,
} from './format-values.js';

/** Lines of the "Providers" section (heading included); `chart` is the work-per-$ chart's file name, if drawn. */
export function renderProviderSection(report: ExperimentReport, chart: string | null): string[] {
  const lines = ['## Providers', ''];
  if (report.providers.length === 0) return [...lines, 'No completed window has a capacity unit yet.'];
  const confidence = `${Math.round(report.settings.confidence * 100)}% CI`;
  const unitText =
    report.settings.unit === 'usd'
      ? "Work per $ (under \"Primary analysis\") is correct work per dollar of subscription: each arm's dollars are what it used at list price times its plan's $ of subscription per list $ (below), docs/providers.md; `--unit bars` shows it per 1% of the provider's own 5h bar instead."
      : `Work is per 1% of each provider's own 5h bar (per 1M tokens for token-metered windows), not per dollar, and not comparable across plans: ${report.settings.unit_reason ?? 'bars asked for'}.`;
  lines.push(
    `${unitText} Work per unit here is the same estimand over every window of the provider (a task or not; n counts windows with a known cost, and below 3 the interval is \`ci=n/a\`; ci_width = (high - low) / work). What each provider used and what it got:`,
    '',
    ...formatTable(
      [
        'provider',
        'unit',
        'n',
        `work ${formatUnit(report.settings.unit === 'usd' ? 'usd' : null)}`,
        confidence,
        'ci_width',
        'plan',
        'windows',
        'quality',
        'outcomes',
        'capacity used',
        '$ of subscription',
        'tokens',
        'API cost',
        'work per 1M tokens',
        'success rate',
        'mean duration',
      ],
      report.providers.map((summary) => [
        summary.provider,
        formatUnitShort(summary.unit),
        String(summary.efficiency.n),
        formatNumber(summary.efficiency.mean),
        formatInterval(summary.efficiency.low, summary.efficiency.high, summary.efficiency.na),
        formatNumber(summary.efficiency.ci_width),
        summary.plans.join(', ') || 'none',
        String(summary.windows),
        formatNumber(summary.mean_quality),
        formatOutcomes(summary),
        formatCapacityUsed(summary),
        summary.usd_used === null ? 'n/a' : formatUsdAmount(summary.usd_used),
        summary.tokens === null
          ? 'n/a'
          : `${formatNumber(summary.tokens)}${summary.windows_with_tokens < summary.windows ? ` (${pluralize(summary.windows_with_tokens, 'window')})` : ''}`,
        summary.cost_usd === null
          ? 'n/a'
          : `${formatUsdAmount(summary.cost_usd)}${summary.windows_with_cost < summary.windows ? ` (${pluralize(summary.windows_with_cost, 'window')})` : ''}`,
        summary.unit === 'tokens' ? '(as efficiency)' : formatPerMillion(summary),
        formatPercent(summary.success_rate, 0),
        formatDuration(summary.mean_duration_ms),
      ]),
      ['l', 'l', 'r', 'r', 'l', 'r', 'l', 'r', 'r', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    ...renderCalibrations(report),
    "Tokens and API cost (list prices) are the proxy's counts joined by window_id (else the captures' token counts, without cost); work per 1M tokens is the summed quality over the summed tokens, failures' tokens included.",
  );
  if (chart) lines.push('', `![Work per $ per provider with ${confidence}s](${chart})`);
  return lines;
}

/** In the windows' own capacity unit (tokens for token-metered windows), never the unit work is in. */
function formatCapacityUsed(summary: ProviderMetrics): string {
  const parts = summary.capacity_by_unit.map(({ unit, used }) =>
    unit === 'tokens' ? `${formatNumber(used)} tok` : `${formatNumber(used)}% 5h`,
  );
  return parts.length === 0 ? 'n/a' : parts.join(' + ');
}

function formatPerMillion(summary: ProviderMetrics): string {
  const { efficiency_per_mtok: perMillion } = summary;
  if (perMillion.n === 0) return 'n/a';
  return formatNumber(perMillion.mean);
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
    PRICED_BARS.flatMap((bar) => {
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
          BAR_KINDS[bar].label,
          `${formatNumber(calibration.moved)}%`,
          formatReadingStep(calibration.step),
          entry.made_of === 'windows' ? String(calibration.n) : `${calibration.n} pairs of readings`,
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
  const everyday = report.calibrations.filter((entry) => entry.made_of === 'readings').map((entry) => entry.provider);
  const fromReadings =
    everyday.length === 0
      ? []
      : [
          `Priced from every reading of each plan: ${everyday.join(', ')}: every two readings of a bar in one period (the windows' captures, the proxy's headers, statusLine, \`tracker watch\` and quota readings, Codex's rollouts), with the use recorded between them (the proxy, OTel, rollouts), over the whole data dir: the price \`tracker calibrate\` and the viewer give (docs/bars.md#everyday-calibration).${everyday.length < report.calibrations.length ? " The others from the plan's windows alone (their readings give no price)." : ''}`,
          '',
        ];
  const disagree = report.price_sources.flatMap((entry) => (entry.disagreement === null ? [] : [`- ${entry.disagreement}.`]));
  return [
    "Each arm's dollars are what it used at list price (the proxy's tokens by kind, priced as the provider prices them) times its plan's $ of subscription per list-price $, calibrated on the bar that binds (the bar's summed moves over the summed list price of the use between its readings, with an interval for the metering's scatter and the readings' rounding). A bar that did not move leaves the price unknown, never $0.",
    '',
    ...fromReadings,
    ...(disagree.length > 0 ? [...disagree, ''] : []),
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
