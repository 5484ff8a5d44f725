// The viewer's worker thread: reads the ledger and builds the reports, so a slow report never holds up a request or an event.
import { parentPort, workerData } from 'node:worker_threads';
import { bindPostgresLedger } from '../ledger/index.js';
import { buildReportViews, readLedgerView } from './read-ledger-view.js';
import type { WorkerMessage } from './ledger-work.js';

const { dataDir, ledgerUrl } = workerData as { dataDir: string; ledgerUrl: string | null };
// A --ledger flag bound the directory in the main thread only: each thread has its own binding.
if (ledgerUrl) bindPostgresLedger(dataDir, ledgerUrl);

parentPort?.on('message', (request: { generation: number }) => {
  const post = (message: WorkerMessage): void => parentPort?.postMessage(message);
  try {
    const { ledger, view } = readLedgerView(dataDir);
    post({ kind: 'ledger', generation: request.generation, view });
    const reports = [];
    for (const report of buildReportViews(dataDir, ledger, view.plan_ids, new Date())) reports.push(report);
    post({ kind: 'reports', generation: request.generation, reports });
  } catch (error) {
    post({ kind: 'error', generation: request.generation, message: (error as Error).message });
  }
});
