// Keeps the viewer's computed views fresh: one computation at a time (in a reader thread when built), rerun after each ledger change.
import { existsSync } from 'node:fs';
import { resolvePackagePath } from '../kernel/index.js';
import { readLedgerUrl } from '../ledger/index.js';
import type { ProviderCatalog } from '../ledger/vocabulary/index.js';
import { ArmTable } from './arm-table.js';
import type { PlanSummary } from './build-run-views.js';
import { computeViews, type WorkerMessage } from './compute-views.js';
import { startLedgerReader } from './start-ledger-reader.js';
import type { CapacityView, ViewPlans } from './read-capacity-view.js';
import type { LedgerView, ReportView } from './read-ledger-view.js';

export interface ComputedViews {
  /** Each plan's progress (the Runs page): computed first, as it is the quickest to read. */
  statuses: { generation: number; statuses: PlanSummary[] } | null;
  /** Null until the first reading is done. */
  ledger: { generation: number; view: LedgerView; arms: ArmTable } | null;
  reports: { generation: number; reports: ReportView[] } | null;
  capacity: { generation: number; view: CapacityView } | null;
  error: string | null;
  /** True while a computation runs (what is shown may be one change behind). */
  busy: boolean;
}

export interface LedgerWork {
  readonly current: ComputedViews;
  /** Asks for a fresh computation at this generation (coalesced with one already asked for). */
  refresh(generation: number): void;
  /** Resolves once the plan statuses are at least this generation (or the computation failed). */
  waitForStatuses(generation: number): Promise<void>;
  /** Resolves once the ledger view is at least this generation (or the computation failed). */
  waitForLedger(generation: number): Promise<void>;
  waitForReports(generation: number): Promise<void>;
  waitForCapacity(generation: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The reports of a reading under way, with the last reading's reports of the plans it has not reached yet (the
 * Report page keeps every plan while they are recomputed); stamped with the older generation until it is complete.
 */
function mergeReports(
  held: ComputedViews['reports'],
  message: { generation: number; reports: ReportView[] },
): NonNullable<ComputedViews['reports']> {
  // Generation 0 until complete: a first reading's first plans are not every plan's reports of any generation.
  if (held === null) return { generation: 0, reports: message.reports };
  const fresh = new Map(message.reports.map((report) => [report.plan_id, report]));
  const reports = held.reports.map((report) => fresh.get(report.plan_id) ?? report);
  for (const report of message.reports) if (!held.reports.some((old) => old.plan_id === report.plan_id)) reports.push(report);
  return { generation: held.generation, reports };
}

export function startLedgerWork(
  dataDir: string,
  catalog: ProviderCatalog,
  onUpdate: (views: ComputedViews) => void,
  plans: ViewPlans = new Map(),
): LedgerWork {
  const current: ComputedViews = { statuses: null, ledger: null, reports: null, capacity: null, error: null, busy: false };
  let wanted = 0;
  let running = false;
  type Kind = 'statuses' | 'ledger' | 'reports' | 'capacity';
  const waiters: { kind: Kind; generation: number; resolve: () => void }[] = [];
  const settle = (): void => {
    for (let i = waiters.length - 1; i >= 0; i -= 1) {
      const waiter = waiters[i] as (typeof waiters)[number];
      const have = current[waiter.kind]?.generation;
      if (current.error !== null || (have !== undefined && have >= waiter.generation)) {
        waiters.splice(i, 1);
        waiter.resolve();
      }
    }
  };
  const waitFor = (kind: Kind, generation: number): Promise<void> =>
    new Promise((resolve) => {
      waiters.push({ kind, generation, resolve });
      settle();
    });
  // The arms of the reading under way, gathered until their ledger message: the pages keep the last whole set.
  let arms = { generation: 0, table: new ArmTable() };
  const receive = (message: WorkerMessage): void => {
    if (message.kind === 'arms') {
      if (arms.generation !== message.generation) arms = { generation: message.generation, table: new ArmTable() };
      return arms.table.append(message.part);
    }
    if (message.kind === 'statuses') {
      // The first message of a reading: arms gathered for this generation by a reader that then ran out of memory go.
      arms = { generation: 0, table: new ArmTable() };
      current.statuses = { generation: message.generation, statuses: message.statuses };
    } else if (message.kind === 'ledger') {
      const table = arms.generation === message.generation ? arms.table : new ArmTable();
      arms = { generation: 0, table: new ArmTable() };
      current.ledger = { generation: message.generation, view: message.view, arms: table };
      current.error = null;
    } else if (message.kind === 'capacity') {
      current.capacity = { generation: message.generation, view: message.capacity };
    } else if (message.kind === 'reports') {
      if (!message.complete) return void onUpdate(Object.assign(current, { reports: mergeReports(current.reports, message) }));
      current.reports = { generation: message.generation, reports: message.reports };
      running = false;
    } else {
      current.error = message.message;
      running = false;
    }
    current.busy = running || wanted > (current.reports?.generation ?? 0);
    settle();
    onUpdate(current);
    if (!running && wanted > (current.reports?.generation ?? 0) && message.generation < wanted) start();
  };
  const workerFile = resolvePackagePath('dist/viewer/ledger-worker.js');
  // From the TypeScript sources (unit tests) there is no built worker: compute in-process, after the reply is sent.
  const reader = existsSync(workerFile)
    ? startLedgerReader(workerFile, { dataDir, catalog, ledgerUrl: readLedgerUrl(dataDir), plans }, receive)
    : null;
  const start = (): void => {
    running = true;
    current.busy = true;
    const generation = wanted;
    if (reader) return reader.read(generation);
    setImmediate(() => {
      computeViews(dataDir, catalog, generation, receive, {}, plans).catch((error: Error) =>
        receive({ kind: 'error', generation, message: error.message }),
      );
    });
  };
  return {
    current,
    refresh(generation) {
      wanted = Math.max(wanted, generation);
      if (!running) start();
    },
    waitForStatuses: (generation) => waitFor('statuses', generation),
    waitForLedger: (generation) => waitFor('ledger', generation),
    waitForReports: (generation) => waitFor('reports', generation),
    waitForCapacity: (generation) => waitFor('capacity', generation),
    stop: async () => {
      for (const waiter of waiters.splice(0)) waiter.resolve();
      await reader?.stop();
    },
  };
}
