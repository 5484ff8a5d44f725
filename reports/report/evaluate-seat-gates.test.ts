// The seat gates computed on their own are the report's: the same gates and decision, for tracker plans without the report.
import { describe, expect, it } from 'vitest';
import { createPriceTable } from '../../budget/prices/index.js';
import type { PreviewRow, ReportWindow } from '../../ledger/index.js';
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { makePreviewRow } from '../test-fixtures/make-preview-row.js';
import { makeReportLedger } from '../test-fixtures/make-report-ledger.js';
import { makeReportWindow } from '../test-fixtures/make-report-window.js';
import { buildReport } from './build-report.js';
import { evaluateSeatGates } from './evaluate-seat-gates.js';

let clock = Date.parse('2026-11-21T08:00:00Z');
/** Both solve every task, claude with about half codex's share of the bar. */
function planted(tasks: number): ReportWindow[] {
  const window = (provider: string, task: number, delta: number) => makeReportWindow(provider, `T${task}`, delta, (clock += 3_600_000), 1);
  return Array.from({ length: tasks }, (_, i) => [window('codex', i, 20 + (i % 4)), window('claude', i, 10 + (i % 3))]).flat();
}

/** A preview judging claude against codex, precise and powered: G1 passes on two of them with new windows between. */
function preview(id: string, windows: number): PreviewRow {
  const summary = { provider: 'codex', unit: 'pct_5h' as const, windows, n: windows, mean_efficiency: 0.05, ci_low: 0.045 };
  return makePreviewRow(id, {
    providers: [{ ...summary, ci_high: 0.055, ci_width: 0.2, power: 0.9, quality_ratio: 1 }],
    baseline: 'claude',
  });
}

describe('evaluateSeatGates', () => {
  const prices = createPriceTable(BUILT_IN_CATALOG);
  const tasks = ['a', 'b'].map((task_id) => ({ task_id, status: 'ready', blocked_by: ['capacity'] }));
  it.each([
    ['no preview, no backlog', makeReportLedger(planted(6)), null, ['stay-lean', 'not-evaluable', 'not-evaluable', 'not-evaluable']],
    [
      'two previews and a backlog waiting for capacity',
      makeReportLedger(planted(6), [preview('p1', 9), preview('p2', 10)]),
      tasks,
      ['add-seat', 'pass', 'pass', 'not-evaluable'],
    ],
  ])('gives the report its gates and decision: %s', (_name, ledger, backlog, decision) => {
    // No power simulation (powerRuns 0): the gates and decision do not read it, and it was nearly all of this file's time.
    const report = buildReport(ledger, { generatedAt: '2026-11-22T00:00:00.000Z', prices, tasks: backlog, resamples: 200, powerRuns: 0 });
    const alone = evaluateSeatGates(ledger, { prices, tasks: backlog });
    expect(alone.gates).toEqual(report.gates);
    expect(alone.decision).toEqual(report.decision);
    expect([alone.decision.decision, ...Object.values(alone.gates).map((gate) => gate.status)]).toEqual(decision);
  });
});
