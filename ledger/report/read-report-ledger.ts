// Reads everything `experiment report` shows from a data directory: I/O at the edge, so the report builder stays pure.
import { AnalysisPlanRowSchema, AnomalyRowSchema, BudgetEventRowSchema, PreviewRowSchema, RunStopRowSchema } from '../schemas/index.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { scanTelemetryRows } from '../telemetry/scan-telemetry-rows.js';
import { readLiveRows } from './read-live-rows.js';
import { readReportWindows, type ReportNarrowing } from './read-report-windows.js';
import { pickReportFields } from './pick-report-fields.js';
import type { ReportLedger } from './report-ledger.js';

const MAX_SKIPPED = 20;

/**
 * Completed windows (with capture times), live anomalies, recorded previews, proxy telemetry rows, budget
 * events pre-registered analyses and the runner's early stops; `narrow` leaves out what a caller does not need. Nothing is written: a torn last line is left for the next writer (or `tracker preview`) to repair.
 */
export function readReportLedger(dataDir: string, narrow: ReportNarrowing = {}): ReportLedger {
  const windows = readReportWindows(dataDir, narrow);
  const anomalies = readLiveRows(dataDir, LEDGER_FILES.anomalies, 'anomaly', AnomalyRowSchema);
  const previews = readLiveRows(dataDir, LEDGER_FILES.previews, 'preview', PreviewRowSchema);
  const budget = readLiveRows(dataDir, LEDGER_FILES.budgetEvents, 'budget-event', BudgetEventRowSchema);
  const analysisPlans = readLiveRows(dataDir, LEDGER_FILES.assignments, 'analysis-plan', AnalysisPlanRowSchema);
  const runStops = readLiveRows(dataDir, LEDGER_FILES.assignments, 'run-stop', RunStopRowSchema);
  const telemetry = scanTelemetryRows(dataDir, { project: pickReportFields });
  const parts = [windows, anomalies, previews, budget, analysisPlans, runStops];
  const skipped = [...parts.flatMap((part) => part.skipped), ...telemetry.unreadable, ...telemetry.skipped];
  const tornTails = [
    ...windows.tornTails,
    ...(anomalies.torn ? [LEDGER_FILES.anomalies] : []),
    ...(previews.torn ? [LEDGER_FILES.previews] : []),
    ...(budget.torn ? [LEDGER_FILES.budgetEvents] : []),
    ...(analysisPlans.torn ? [LEDGER_FILES.assignments] : []),
  ];
  return {
    dataDir,
    windows: windows.windows,
    anomalies: anomalies.rows,
    previews: previews.rows,
    telemetry: telemetry.rows,
    budgetEvents: budget.rows,
    analysisPlans: analysisPlans.rows,
    runStops: runStops.rows,
    skipped: skipped.slice(0, MAX_SKIPPED),
    skippedCount: parts.reduce((sum, part) => sum + part.skippedCount, 0) + telemetry.unreadable.length + telemetry.skippedCount,
    tornTails,
  };
}
