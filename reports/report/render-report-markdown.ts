// Assembles the report's markdown: the verdict paragraph first, then every section, with links to the SVG charts beside it.
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
 * (gates), anomalies, proxy, budget, capacity per window, data notes.
 */
export function renderReportMarkdown(report: ExperimentReport, charts: ChartFiles = {}): string {
  const chart = (key: ChartKey): string | null => charts[key] ?? null;
  const settings = report.settings;
  const sections: string[][] = [
    [
      '# Experiment report',
      '',
      `_Generated ${report.generated_at} from \`${report.data_dir}\`: ${report.windows.completed} completed windows; ${Math.round(settings.confidence * 100)}% intervals; baseline ${settings.baseline ?? 'none'}; relevant difference ${Math.round(settings.min_effect * 100)}%._`,
      '',
      report.verdict,
      ...(report.windows.simulated_providers.length > 0
        ? [
            '',
            `> **Simulated:** ${report.windows.simulated_providers.join(', ')} ${report.windows.simulated_providers.length === 1 ? 'is' : 'are'} simulated by agent-tracker (the windows' methodology says how), not real providers. These figures exercise the tool; they say nothing about any real provider.`,
          ]
        : []),
    ],
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
