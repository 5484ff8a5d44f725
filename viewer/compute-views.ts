// One reading of the ledger for the viewer, in the order the pages need it: statuses, arms, capacity, reports.
import { readPlanStatuses } from '../ledger/runs/index.js';
import { type PlanSummary, summarizePlanStatus } from './build-run-views.js';
import { type CapacityView, findViewTimeZone, readCapacityView } from './read-capacity-view.js';
import { readViewLedger } from './read-view-ledger.js';
import { buildReportViews, type LedgerProblems, type LedgerView, readLedgerView, type ReportView } from './read-ledger-view.js';

/** What the reader process sends the server, one message per view, tagged with the ledger change it read. */
export type WorkerMessage =
  | { kind: 'statuses'; generation: number; statuses: PlanSummary[] }
  | { kind: 'ledger'; generation: number; view: LedgerView }
  | { kind: 'capacity'; generation: number; capacity: CapacityView }
  /** The reports so far, sent again as each plan's is done (the first plan's headline need not wait for the rest). */
  | { kind: 'reports'; generation: number; reports: ReportView[]; complete: boolean }
  | { kind: 'error'; generation: number; message: string };

/**
 * Sends each view as soon as it is computed (the reader process posts it; without one, the server takes it). No step
 * holds the whole ledger: the arms fold the proxy rows as they are read, each plan's report reads that plan's rows.
 */
export async function computeViews(
  dataDir: string,
  generation: number,
  send: (message: WorkerMessage) => void | Promise<void>,
): Promise<void> {
  // The plans' progress first: the Runs page needs only that, and it is read in seconds where the reports take longer.
  await send({ kind: 'statuses', generation, statuses: readPlanStatuses(dataDir, undefined).map(summarizePlanStatus) });
  const { problems, planIds, armCount } = await sendSharedViews(dataDir, generation, send);
  const reports: ReportView[] = [];
  if (armCount > 0)
    for (const report of buildReportViews(dataDir, planIds, new Date(), problems)) {
      reports.push(report);
      await send({ kind: 'reports', generation, reports, complete: false });
    }
  await send({ kind: 'reports', generation, reports, complete: true });
}

/**
 * The arms and the capacity, from one reading of the windows and proxy rows; it and the arms are let go once sent (a
 * ledger of 100,000 windows has ~70 MB of windows and ~30 MB of arms): only what the reports need stays.
 */
async function sendSharedViews(
  dataDir: string,
  generation: number,
  send: (message: WorkerMessage) => void | Promise<void>,
): Promise<{ problems: LedgerProblems; planIds: string[]; armCount: number }> {
  const read = readViewLedger(dataDir, findViewTimeZone());
  const sendArms = async (): Promise<{ problems: LedgerProblems; planIds: string[]; armCount: number }> => {
    const { problems, view } = readLedgerView(dataDir, read);
    await send({ kind: 'ledger', generation, view });
    return { problems, planIds: view.plan_ids, armCount: view.arms.length };
  };
  const sent = await sendArms();
  await send({ kind: 'capacity', generation, capacity: readCapacityView(dataDir, read) });
  return sent;
}
