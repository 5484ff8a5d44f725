// A plan's own part of the ledger, so a finished plan's report never moves when other plans' rows arrive: pure.
import type { ReportLedger } from '../../ledger/index.js';
import { isWindowOrProbe } from '../../ledger/vocabulary/index.js';

/**
 * The windows of `planId`, the telemetry, anomalies and budget events of those windows' ids, the previews the
 * runner recorded for that plan, and the plan's own analysis and stop rows. Pricing calibration, provider
 * summaries and gates then see nothing else (another plan's 40 windows changed the verdict).
 */
export function scopeLedgerToPlan(ledger: ReportLedger, planId: string): ReportLedger {
  const windows = ledger.windows.filter((window) => window.plan_id === planId);
  const ids = new Set(windows.map((window) => window.window_id));
  const ofWindow = (row: { window_id?: string | null | undefined }): boolean => row.window_id != null && ids.has(row.window_id);
  return {
    ...ledger,
    windows,
    // With the windows' capacity probes: a window's calibration counts the probe its bar delta holds.
    telemetry: ledger.telemetry.filter((row) => row.window_id != null && isWindowOrProbe(ids, row.window_id)),
    anomalies: ledger.anomalies.filter(ofWindow),
    budgetEvents: ledger.budgetEvents.filter(ofWindow),
    previews: ledger.previews.filter((preview) => preview.plan_id === planId),
    analysisPlans: ledger.analysisPlans.filter((row) => row.plan_id === planId),
    runStops: ledger.runStops.filter((row) => row.plan_id === planId),
  };
}
