// Assembles the report's markdown: the verdict paragraph first, then every section, with links to the SVG charts beside it.
import { escapeMarkup, escapeStrings } from '../../kernel/index.js';
import type { ChartKey } from './build-chart-specs.js';
import type { ExperimentReport } from './experiment-report.js';
import { renderCrossoverSection, renderPowerSection, renderStopSection } from './render-comparison-section.js';
import { renderEpochsSection } from './render-epochs-section.js';
import { renderGatesSection } from './render-gates-section.js';
import {
  renderAnomalySection,
  renderBudgetSection,
  renderCapacitySection,
  renderDataNotes,
  renderProxySection,
} from './render-ledger-sections.js';
import { renderPrimarySection } from './render-primary-section.js';
import { renderProviderSection } from './render-provider-section.js';

/** File names of the charts that were drawn, relative to the markdown file; a missing key draws no link. */
export type ChartFiles = Partial<Record<ChartKey, string>>;

/**
 * Markdown that reads in a terminal (padded tables, no HTML) and on GitHub (tables, fenced blocks, image
 * links). Order: title, verdict, primary analysis, providers, secondary analyses, power, stop rules, seat decision
 * (gates), anomalies, proxy, budget, capacity per window, data notes. Every string of the report goes through the
 * kernel's escapeMarkup first (HTML from the ledger shown as text).
 */
export function renderReportMarkdown(report: ExperimentReport, charts: ChartFiles = {}): string {
  // Ledger text (and the report's text quoting it) as markdown text: a row's `<img onerror=...>` shows as text, a
  // failover portfolio `a>b` as it is; the report object (its --json) keeps the ledger's own words. Its controls were
  // made visible where the ledger was read (cli/write-experiment-report.ts), so the report's own line breaks stay.
  return renderSections(escapeStrings(report, escapeMarkup), charts);
}

/** The markdown of a report whose strings are already escaped for it. */
function renderSections(report: ExperimentReport, charts: ChartFiles): string {
  const chart = (key: ChartKey): string | null => charts[key] ?? null;
  const settings = report.settings;
  const sections: string[][] = [
    [
      '# Experiment report',
      '',
      `_${describeScope(report)} from \`${report.data_dir}\`: ${report.windows.completed} completed windows; ${Math.round(settings.confidence * 100)}% intervals; baseline ${settings.baseline ?? 'none'}; relevant difference ${Math.round(settings.min_effect * 100)}%._`,
      '',
      // The headline's two lines stay two lines in markdown (a hard break), the detail is its own paragraph.
      report.verdict.replace(/^([^\n]*)\n(?!\n)/, '$1  \n'),
      ...(report.windows.simulated_providers.length > 0
        ? [
            '',
            `> **Simulated:** ${report.windows.simulated_providers.join(', ')} ${report.windows.simulated_providers.length === 1 ? 'is' : 'are'} simulated by agent-tracker (the windows' methodology says how), not real providers. These figures exercise the tool; they say nothing about any real provider.`,
          ]
        : []),
    ],
    renderInfrastructureFailures(report),
    renderPrimarySection(report),
    renderEpochsSection(report),
    renderProviderSection(report, chart('efficiency')),
    renderCrossoverSection(report, chart('paired-differences')),
    renderPowerSection(report),
    renderStopSection(report, chart('confidence-sequence')),
    renderGatesSection(report),
    renderAnomalySection(report),
    renderProxySection(report),
    renderBudgetSection(report),
    renderCapacitySection(report, chart('capacity')),
    renderDataNotes(report),
  ];
  return `${sections
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.join('\n'))
    .join('\n\n')
    .replace(/\n{3,}/g, '\n\n')}\n`;
}

/** The arms that could not run, so a reader knows what the figures leave out and why (never the providers' failures). */
function renderInfrastructureFailures(report: ExperimentReport): string[] {
  const failures = report.infrastructure_failures;
  if (failures.length === 0) return [];
  return [
    '## Not scored: infrastructure failures',
    '',
    `${failures.length === 1 ? 'This arm' : 'These arms'} could not run (an agent CLI, a sandbox or a back end failed): no window was recorded, the figures below leave ${failures.length === 1 ? 'it' : 'them'} out, and ${failures.length === 1 ? 'it stays' : 'they stay'} pending for the next run of the same command.`,
    '',
    ...failures.map((failure) =>
      failure.arm_index === null
        ? `- every remaining arm of ${failure.provider}: ${failure.reason}`
        : `- arm #${String(failure.arm_index).padStart(3, '0')} ${failure.task_id} (${failure.provider}): ${failure.reason}`,
    ),
  ];
}

/**
 * "Plan X, as of its last window (T)": never the wall clock, so a finished plan's report is byte-identical
 * whenever it is made; without a plan, the time the report was made.
 */
function describeScope(report: ExperimentReport): string {
  const last = report.windows.last_completed_at;
  if (report.analysis.plan_id !== null && last !== null) return `Plan \`${report.analysis.plan_id}\` as of its last window (${last})`;
  return `Generated ${report.generated_at}`;
}
