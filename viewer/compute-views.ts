// One reading of the ledger for the viewer, in the order the pages need it: statuses, arms, capacity, reports.
import { readPlanStatuses } from '../ledger/runs/index.js';
import { type PlanSummary, summarizePlanStatus } from './build-run-views.js';
import { type CapacityView, readCapacityView } from './read-capacity-view.js';
import { buildReportViews, type LedgerView, readLedgerView, type ReportView } from './read-ledger-view.js';

/** What the reader process sends the server, one message per view, tagged with the ledger change it read. */
export type WorkerMessage =
  | { kind: 'statuses'; generation: number; statuses: PlanSummary[] }
  | { kind: 'ledger'; generation: number; view: LedgerView }
  | { kind: 'capacity'; generation: number; capacity: CapacityView }
  | { kind: 'reports'; generation: number; reports: ReportView[] }
  | { kind: 'error'; generation: number; message: string };

/**
 * Sends each view as soon as it is computed (the reader process posts it; without one, the server takes it). The
 * capacity reuses the report ledger's proxy rows and windows, and everything the server keeps is a summary: the
 * plans' arms are counted, not listed.
 */
export async function computeViews(
  dataDir: string,
  generation: number,
  send: (message: WorkerMessage) => void | Promise<void>,
): Promise<void> {
  // The plans' progress first: the Runs page needs only that, and it is read in seconds where the reports take longer.
  await send({ kind: 'statuses', generation, statuses: readPlanStatuses(dataDir, undefined).map(summarizePlanStatus) });
  const { ledger, view } = readLedgerView(dataDir);
  await send({ kind: 'ledger', generation, view });
  await send({ kind: 'capacity', generation, capacity: readCapacityView(dataDir, ledger) });
  await send({ kind: 'reports', generation, reports: [...buildReportViews(dataDir, ledger, view.plan_ids, new Date())] });
}
