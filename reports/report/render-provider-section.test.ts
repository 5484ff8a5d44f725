// The providers table: capacity used in each window's own capacity unit.
import { describe, expect, it } from 'vitest';
import { summarizeProviderMetrics } from '../metrics/summarize-provider-metrics.js';
import { makeWindowMetrics } from '../test-fixtures/make-window-metrics.js';
import type { ExperimentReport } from './experiment-report.js';
import { renderProviderSection } from './render-provider-section.js';

describe('renderProviderSection', () => {
  it("prints capacity used in each window's own capacity unit, not in the unit work is in", () => {
    // An API-key provider (token-metered) in a dollar report printed `11,108% 5h`.
    const windows = [
      ...[1, 2, 3].map((i) =>
        makeWindowMetrics('api', `t${i}`, 1, 1, { unit: 'usd', usd: 0.5, capacity_unit: 'tokens', capacity_delta: 3702.67 }),
      ),
      ...[1, 2, 3].map((i) => makeWindowMetrics('claude', `t${i}`, 2, 1, { unit: 'usd', usd: 0.4, capacity_delta: 1.5 })),
    ];
    const report = {
      providers: summarizeProviderMetrics(windows),
      settings: { confidence: 0.95, unit: 'usd', unit_reason: null },
      calibrations: [],
    } as unknown as ExperimentReport;
    const rows = renderProviderSection(report, null).filter((line) => /^\| (api|claude) /.test(line));
    expect(rows[0]).toMatch(/\| +11,108 tok \|/);
    expect(rows[0]).not.toContain('% 5h');
    expect(rows[1]).toMatch(/\| +4\.5% 5h \|/);
  });
});
