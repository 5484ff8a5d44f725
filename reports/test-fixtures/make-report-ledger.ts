// A ReportLedger for the report tests: the given windows (and previews), every other list empty.
import type { PreviewRow, ReportLedger, ReportWindow } from '../../ledger/index.js';

export function makeReportLedger(windows: ReportWindow[], previews: PreviewRow[] = []): ReportLedger {
  return {
    dataDir: '/data',
    windows,
    anomalies: [],
    previews,
    telemetry: [],
    budgetEvents: [],
    analysisPlans: [],
    runStops: [],
    skipped: [],
    skippedCount: 0,
    tornTails: [],
  };
}
