// report.md shows the ledger's HTML as text and its names as they are; the report object keeps the ledger's own words.
import { describe, expect, it } from 'vitest';
import { createPriceTable } from '../../budget/prices/index.js';
import type { ReportWindow } from '../../ledger/index.js';
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { makeReportLedger } from '../test-fixtures/make-report-ledger.js';
import { makeReportWindow } from '../test-fixtures/make-report-window.js';
import { buildReport } from './build-report.js';
import { renderReportMarkdown } from './render-report-markdown.js';

const PORTFOLIO = 'claude>glm';
const HOSTILE = '<img src=x onerror=alert(1)> & <!-- c --> | p < 0.001';

function buildWindows(): ReportWindow[] {
  let clock = Date.parse('2026-11-21T08:00:00Z');
  const windows: ReportWindow[] = [];
  for (let task = 0; task < 4; task += 1) {
    for (const provider of ['claude', PORTFOLIO]) windows.push(makeReportWindow(provider, `T${task}`, 10 + task, (clock += 3_600_000), 1));
  }
  return windows;
}

describe('renderReportMarkdown', () => {
  const report = buildReport(makeReportLedger(buildWindows()), {
    generatedAt: '2026-11-22T00:00:00.000Z',
    prices: createPriceTable(BUILT_IN_CATALOG),
    tasks: null,
    resamples: 200,
    powerRuns: 0,
    infrastructureFailures: [{ arm_index: 3, provider: PORTFOLIO, task_id: 'T9', reason: HOSTILE }],
  });

  it('names a failover portfolio as it is, in the report and in its markdown, never as an entity', () => {
    expect(report.providers.map((provider) => provider.provider)).toContain(PORTFOLIO);
    const markdown = renderReportMarkdown(report);
    expect(markdown).toContain(`claude / ${PORTFOLIO}`);
    expect(markdown).not.toContain('&gt;');
    // The verdict's own line breaks stay line breaks (a hard break, then its next paragraph), never a visible `\x0a`.
    expect(report.verdict).toContain('\n');
    expect(markdown).toContain(`${report.verdict.split('\n')[0]}  \n`);
    expect(markdown).not.toContain('\\x0a');
  });

  it("shows the ledger's HTML as text and leaves the report object as the ledger wrote it", () => {
    const markdown = renderReportMarkdown(report);
    expect(markdown).toContain('&lt;img src=x onerror=alert(1)> & &lt;!-- c --> | p < 0.001');
    expect(markdown).not.toContain('<img');
    expect(report.infrastructure_failures[0]?.reason).toBe(HOSTILE);
  });
});
