// One reading of the ledger for the viewer, in the order the pages need it: statuses, arms, capacity, reports.
import { readPlanStatuses, type RunLockInfo } from '../ledger/runs/index.js';
import { type PlanSummary, summarizePlanStatus } from './build-run-views.js';
import { buildUsageViews, type CapacityView, findBarsStart, findViewTimeZone, readBarsView, type ViewPlans } from './read-capacity-view.js';
import { readViewLedger } from './read-view-ledger.js';
import type { ArmPart } from './arm-parts.js';
import type { ProviderCalibration } from '../reports/index.js';
import type { ProviderCatalog } from '../ledger/vocabulary/index.js';
import { buildReportViews, type LedgerProblems, type LedgerView, readLedgerView, type ReportView } from './read-ledger-view.js';

/** What the server asks the reader: a reading as of `generation`, with what the server looked at for it. */
export interface ReaderRequest {
  generation: number;
  /** The run lock as the server found it (a reader thread takes no file lock: ADR 0028). */
  looked: { runLock?: { held: RunLockInfo | null } };
}

/** What the reader process sends the server, one message per view, tagged with the ledger change it read. */
export type WorkerMessage =
  | { kind: 'statuses'; generation: number; statuses: PlanSummary[] }
  /** The arms come in parts (arm-parts.ts) before their `ledger` message; a part's buffers are moved, not cloned. */
  | { kind: 'arms'; generation: number; part: ArmPart }
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
  catalog: ProviderCatalog,
  generation: number,
  send: (message: WorkerMessage) => void | Promise<void>,
  looked: ReaderRequest['looked'] = {},
  plans: ViewPlans = new Map(),
): Promise<void> {
  // The plans' progress first: the Runs page needs only that, and it is read in seconds where the reports take longer.
  // Never bound to a name: an async function's local lives across its awaits, and the statuses' 100,000 arm states
  // (24 MB) stayed live through the whole reading, the reader's peak included (bench: viewer).
  await send({
    kind: 'statuses',
    generation,
    statuses: readPlanStatuses(dataDir, undefined, new Date(), looked.runLock).map(summarizePlanStatus),
  });
  const { problems, planIds, armCount, prices } = await sendSharedViews(dataDir, catalog, generation, send, plans);
  const reports: ReportView[] = [];
  if (armCount > 0)
    for (const report of buildReportViews(dataDir, catalog, planIds, new Date(), problems, prices)) {
      reports.push(report);
      await send({ kind: 'reports', generation, reports, complete: false });
    }
  await send({ kind: 'reports', generation, reports, complete: true });
}

/**
 * The arms and the capacity, from one reading of the windows and proxy rows, after the bars. The reading is let go
 * once the arms and usage tables are built, the arms once sent: on a ledger of 100,000 windows they are ~60 MB of
 * windows, 25 MB of per-window usage, the arms, and the bar readings (84 MB before their points), never all at once.
 */
async function sendSharedViews(
  dataDir: string,
  catalog: ProviderCatalog,
  generation: number,
  send: (message: WorkerMessage) => void | Promise<void>,
  plans: ViewPlans,
): Promise<{ problems: LedgerProblems; planIds: string[]; armCount: number; prices: Map<string, ProviderCalibration> }> {
  const {
    usage: { prices, ...usage },
    bars,
    ...sent
  } = await sendArms(dataDir, catalog, generation, send, plans);
  await send({ kind: 'capacity', generation, capacity: { bars, ...usage } });
  return { ...sent, prices };
}

/** Returns once the arms are sent, holding nothing of them (the server holds what it was sent). */
async function sendArms(
  dataDir: string,
  catalog: ProviderCatalog,
  generation: number,
  send: (message: WorkerMessage) => void | Promise<void>,
  plans: ViewPlans,
): Promise<{
  problems: LedgerProblems;
  planIds: string[];
  armCount: number;
  usage: ReturnType<typeof buildUsageViews>;
  bars: CapacityView['bars'];
}> {
  const { usage, bars, problems, view, arms } = buildSharedParts(dataDir, catalog, plans);
  let armCount = 0;
  // Part by part, each let go once sent: one message of 100,000 arms was a 34 MB buffer in each thread.
  for (let part = arms.shift(); part !== undefined; part = arms.shift()) {
    armCount += part.count;
    await send({ kind: 'arms', generation, part });
  }
  await send({ kind: 'ledger', generation, view });
  return { usage, bars, problems, planIds: view.plan_ids, armCount };
}

/**
 * The windows, the per-window usage read for them and every bar reading are let go when this returns: the calibration
 * reads each bar's whole history (as `tracker calibrate` and the report do), the Bars page only its last days.
 */
function buildSharedParts(
  dataDir: string,
  catalog: ProviderCatalog,
  plans: ViewPlans,
): {
  usage: ReturnType<typeof buildUsageViews>;
  bars: CapacityView['bars'];
  problems: LedgerProblems;
  view: LedgerView;
  arms: ArmPart[];
} {
  // The bars first, while neither thread holds the arms: their readings' points are the other large passing load.
  const bars = readBarsView(dataDir);
  const read = readViewLedger(dataDir, catalog, findViewTimeZone(), findBarsStart(bars.all));
  const usage = buildUsageViews(dataDir, catalog, read, bars.all, plans);
  return { usage, bars: bars.shown, ...readLedgerView(read) };
}
