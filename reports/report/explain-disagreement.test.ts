// Where the typical task's winner is not the work-per-$ winner, the report names the cause its own numbers show.
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { createPriceTable } from '../../budget/prices/index.js';
import type { ReportWindow } from '../../ledger/index.js';
import { makeReportLedger } from '../test-fixtures/make-report-ledger.js';
import { makeReportWindow } from '../test-fixtures/make-report-window.js';
import { buildReport, type ReportOptions } from './build-report.js';
import { renderReportMarkdown } from './render-report-markdown.js';

const options: ReportOptions = {
  generatedAt: '2026-11-26T00:00:00.000Z',
  prices: createPriceTable(BUILT_IN_CATALOG),
  tasks: null,
  resamples: 200,
  powerRuns: 50,
};
const start = Date.parse('2026-11-25T08:00:00Z');

/** 40 tasks: glm solves 3 in 4 at half of claude's bar, its failures cheap; claude solves all. `runaway` of glm's failures cost 60x. */
function ledger(runaway: number): ReportWindow[] {
  return Array.from({ length: 40 }, (_, i) => {
    const fails = i % 4 === 0;
    const glm = fails ? (i / 4 < runaway ? 300 : 1) : 5 + (i % 3);
    const claude = 10 + (i % 5);
    return (i % 2 === 0 ? ['glm', 'claude'] : ['claude', 'glm']).map((provider, p) =>
      makeReportWindow(
        provider,
        `T${i}`,
        provider === 'glm' ? glm : claude,
        start + (2 * i + p) * 3_600_000,
        provider === 'glm' && fails ? 0 : 1,
      ),
    );
  }).flat();
}

describe('the secondary view explains a disagreement by its cause', () => {
  it("names glm's runaway tasks, not failures claude never had", () => {
    const markdown = renderReportMarkdown(buildReport(makeReportLedger(ledger(4)), { ...options, providers: ['glm', 'claude'] }));
    const line = markdown.split('\n').find((text) => text.startsWith('- glm / claude:'));
    expect(line).toMatch(/^- glm \/ claude: glm wins more tasks \(30 of 40\), but claude does [\d.]+x glm's work per \$/);
    expect(line).toMatch(
      /4 of glm's tasks cost over 5x its median task and hold 8\d% of its dollars; without them glm does [\d.]+x claude's work per \$/,
    );
    expect(line).not.toContain('claude failed');
  });

  it("names the per-$ winner's failures where it failed tasks the other solved, and no runaway where there is none", () => {
    // claude fails 12 of 20 tasks, at a twentieth of its cost; glm solves all at a little more than claude's solved ones.
    const windows = Array.from({ length: 20 }, (_, i) => {
      const claudeFails = i % 5 < 3;
      return (i % 2 === 0 ? ['glm', 'claude'] : ['claude', 'glm']).map((provider, p) =>
        makeReportWindow(
          provider,
          `T${i}`,
          provider === 'glm' ? 10 + (i % 4) : claudeFails ? 0.5 : 8 + (i % 3),
          start + (2 * i + p) * 3_600_000,
          provider === 'claude' && claudeFails ? 0 : 1,
        ),
      );
    }).flat();
    const markdown = renderReportMarkdown(buildReport(makeReportLedger(windows), { ...options, providers: ['glm', 'claude'] }));
    const line = markdown.split('\n').find((text) => text.startsWith('- glm / claude:'));
    expect(line).toMatch(/^- glm \/ claude: glm wins more tasks \(12 of 20\), but claude does [\d.]+x glm's work per \$/);
    expect(line).toContain('claude failed 12 tasks glm solved, each a loss per task however little it cost');
    expect(line).not.toContain('median task');
  });
});
