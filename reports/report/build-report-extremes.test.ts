// The report at the ends of the double range: bar deltas near 1e-300 give the same verdict and power as near 1, never a crash.
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { createPriceTable } from '../../budget/prices/index.js';
import type { ReportWindow } from '../../ledger/index.js';
import { makeReportLedger } from '../test-fixtures/make-report-ledger.js';
import { makeReportWindow } from '../test-fixtures/make-report-window.js';
import { buildReport, type ReportOptions } from './build-report.js';
import { renderReportMarkdown } from './render-report-markdown.js';

// Sixteen tasks: the betting sequence decides the planted 2.4x within them (ADR 0041), at both ends of the range.
const prices = createPriceTable(BUILT_IN_CATALOG);
const options: ReportOptions = { generatedAt: '2026-11-22T00:00:00.000Z', prices, tasks: null, resamples: 500 };

/** claude uses 10-12% of the window per task and codex 25-28%, both at quality 1, every delta times `scale`. */
function plantedWindows(tasks: number, scale: number): ReportWindow[] {
  const start = Date.parse('2026-11-21T08:00:00Z');
  // Alternate which provider runs first (the start times set the periods): AB on even tasks, BA on odd ones.
  return Array.from({ length: tasks }, (_, i) =>
    (i % 2 === 0 ? ['claude', 'codex'] : ['codex', 'claude']).map((provider, p) =>
      makeReportWindow(
        provider,
        `T${i}`,
        (provider === 'claude' ? 10 + (i % 3) : 25 + (i % 4)) * scale,
        start + (2 * i + p) * 3_600_000,
        1,
      ),
    ),
  ).flat();
}

describe('buildReport with bar deltas scaled by 1e-300', () => {
  it('gives the gate power, the crossover p and the power plan of the same data near 1', () => {
    const plain = buildReport(makeReportLedger(plantedWindows(16, 1)), options);
    // Before: the gate power squared SDs of efficiencies near 1e299 to Infinity, d became 0 and computePower threw
    // "expected a standardized effect d > 0, got 0" out of buildReport (experiment report exit 2).
    const tiny = buildReport(makeReportLedger(plantedWindows(16, 1e-300)), options);
    // The baseline (claude, the first by name) has no power of its own: it is never judged against itself.
    const power = (report: typeof plain): (number | null | undefined)[] =>
      report.current_gate_fields.filter((p) => p.provider !== 'claude').map((p) => p.power);
    expect(power(tiny)).toHaveLength(1);
    expect(power(tiny).every((p) => typeof p === 'number' && p >= 0 && p <= 1)).toBe(true);
    for (const [i, p] of power(tiny).entries()) expect(p).toBeCloseTo(power(plain)[i] as number, 9);
    expect(tiny.comparison?.crossover?.treatment.p).toBeCloseTo(plain.comparison?.crossover?.treatment.p as number, 12);
    expect(tiny.plan?.power_planned).toBeCloseTo(plain.plan?.power_planned as number, 9);
    expect(tiny.verdict.startsWith('**claude is ahead:**')).toBe(true);
    expect(tiny.verdict.split('\n')[0]).toBe(plain.verdict.split('\n')[0]);
    expect(renderReportMarkdown(tiny)).toContain('## Power and sample size');
  });
});
