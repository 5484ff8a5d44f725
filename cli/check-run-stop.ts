// Reads a plan's finalized windows from the ledger for the stop rules `experiment run` checks after each arm.
import type { ReportWindow, WindowRow } from '../ledger/index.js';
import { checkRunStop as checkWindows } from '../reports/index.js';
import { findDoneArms } from '../runner/index.js';

/** The reason to stop launching arms, or null (see reports/metrics/check-run-stop.ts for the rules). */
export function checkRunStop(dataDir: string, plan: { plan_id: string; providers: string[]; taskIds: string[] }): string | null {
  const windows = [...findDoneArms(dataDir, plan.plan_id).values()].sort((x, y) => x.ts.localeCompare(y.ts)).map(toReportWindow);
  return checkWindows(windows, plan.providers, { tuningN: plan.taskIds.length });
}

/** The fields the rules read; capture times are not needed (the windows' period orders each pair). */
function toReportWindow(row: WindowRow): ReportWindow {
  return {
    agent_id: row.agent_id,
    provider: row.provider,
    window_id: row.window_id,
    feature_id: row.feature_id,
    methodology: row.methodology,
    quality: row.quality_score,
    outcome: row.outcome,
    capacity: row.capacity,
    errors: row.errors,
    started_at: null,
    ended_at: null,
    completed_at: row.ts,
    sequence: row.sequence,
    period: row.period,
    plan_id: row.plan_id,
  };
}
