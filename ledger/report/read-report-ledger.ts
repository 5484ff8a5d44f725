// Reads everything `experiment report` shows from a data directory: I/O at the edge, so the report builder stays pure.
import { AnalysisPlanRowSchema, AnomalyRowSchema, BudgetEventRowSchema, PreviewRowSchema, RunStopRowSchema } from '../schemas/index.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { scanTelemetryRows } from '../telemetry/scan-telemetry-rows.js';
import { readLiveRows } from './read-live-rows.js';
import { readReportWindows, type ReportNarrowing } from './read-report-windows.js';
import { pickReportFields } from './pick-report-fields.js';
import type { ReportLedger } from './report-ledger.js';
import { isWindowOrProbe } from '../vocabulary/index.js';

const MAX_SKIPPED = 20;

/**
 * The runner names a plan's windows `<plan>-a<NNN>-<provider>`: when every window of the plan starts so, a proxy
 * line that does not hold `"<plan>-` cannot be one of theirs and is not parsed (a plan's report read every one of
 * 300,000 proxy lines: 0.6 s of the 1.9 s it took). Windows named otherwise are looked for in every line.
 */
function findWindowNeedle(planId: string, ids: ReadonlySet<string>): { needles?: string[] } {
  const prefix = `${planId}-`;
  for (const id of ids) if (!id.startsWith(prefix)) return {};
  // The quoted prefix as JSON writes it (a plan id with a quote or a backslash in it is escaped there too).
  return { needles: [JSON.stringify(prefix).slice(0, -1)] };
}

/**
 * Completed windows (with capture times), live anomalies, recorded previews, proxy telemetry rows, budget
 * events pre-registered analyses and the runner's early stops; `narrow` leaves out what a caller does not need
 * (with `planId`: other plans' windows and proxy rows, and the unusable lines among them, which are not read).
 * Nothing is written: a torn last line is left for the next writer (or `tracker preview`) to repair.
 */
export function readReportLedger(dataDir: string, narrow: ReportNarrowing = {}): ReportLedger {
  const windows = readReportWindows(dataDir, narrow);
  const anomalies = readLiveRows(dataDir, LEDGER_FILES.anomalies, 'anomaly', AnomalyRowSchema);
  const previews = readLiveRows(dataDir, LEDGER_FILES.previews, 'preview', PreviewRowSchema);
  const budget = readLiveRows(dataDir, LEDGER_FILES.budgetEvents, 'budget-event', BudgetEventRowSchema);
  const analysisPlans = readLiveRows(dataDir, LEDGER_FILES.assignments, 'analysis-plan', AnalysisPlanRowSchema);
  const runStops = readLiveRows(dataDir, LEDGER_FILES.assignments, 'run-stop', RunStopRowSchema);
  // A plan's report reads only its windows' proxy rows (the other small files are scoped by the report itself).
  const ids = narrow.planId === undefined ? null : new Set(windows.windows.map((window) => window.window_id));
  const telemetry = scanTelemetryRows(dataDir, {
    project: pickReportFields,
    ...(narrow.telemetryFold ? { fold: narrow.telemetryFold } : {}),
    // A window's capacity probes (`<window>.after`, ...) come with it: its calibration counts the one its bar delta holds.
    ...(ids ? { keepRow: (row: Record<string, unknown>) => typeof row.window_id === 'string' && isWindowOrProbe(ids, row.window_id) } : {}),
    ...(narrow.planId === undefined || ids === null ? {} : findWindowNeedle(narrow.planId, ids)),
  });
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
