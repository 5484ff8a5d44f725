// Reads a plan's finalized windows from the ledger for the stop rules `experiment run` checks after each arm.
import { toReportWindow } from '../ledger/index.js';
import { checkRunStop as checkWindows } from '../reports/index.js';
import { findDoneArms } from '../runner/index.js';

/**
 * The reason to stop launching arms, or null (see reports/metrics/check-run-stop.ts for the rules: seed 001's
 * capture halt, then the symmetry betting confidence sequence on the efficiency differences, exact at every
 * look when the two providers are exchangeable within a task; docs/decisions/0003-betting-stop-rules.md).
 */
export function checkRunStop(
  dataDir: string,
  plan: { plan_id: string; providers: string[]; taskIds: string[]; epochs?: number },
): string | null {
  const windows = [...findDoneArms(dataDir, plan.plan_id).values()]
    .sort((x, y) => x.ts.localeCompare(y.ts))
    .map((row) => toReportWindow(row));
  return checkWindows(windows, plan.providers, { tuningN: plan.taskIds.length, epochs: plan.epochs ?? 1 });
}
