// The viewer's reader process: reads the ledger and builds the reports, so a slow report never holds up a request or an event.
// A child process, not a worker thread: the ledger's flock addon (fs-ext) cannot be loaded twice in one process.
import { bindPostgresLedger } from '../ledger/index.js';
import type { WorkerMessage } from './ledger-work.js';
import { readCapacityView } from './read-capacity-view.js';
import { buildReportViews, readLedgerView } from './read-ledger-view.js';

const dataDir = process.env.TRACKER_VIEW_DATA_DIR ?? '';
// A --ledger flag bound the directory in the server's process only: bind it here too.
const ledgerUrl = process.env.TRACKER_VIEW_LEDGER_URL;
if (ledgerUrl) bindPostgresLedger(dataDir, ledgerUrl);

const post = (message: WorkerMessage): void => void process.send?.(message);

process.on('message', (request: { generation: number }) => {
  try {
    const { ledger, view } = readLedgerView(dataDir);
    post({ kind: 'ledger', generation: request.generation, view });
    post({ kind: 'capacity', generation: request.generation, capacity: readCapacityView(dataDir) });
    const reports = [...buildReportViews(dataDir, ledger, view.plan_ids, new Date())];
    post({ kind: 'reports', generation: request.generation, reports });
  } catch (error) {
    post({ kind: 'error', generation: request.generation, message: (error as Error).message });
  }
});
// The server went away (stopped, or killed): nothing is left to answer, and the open channel was all that kept this alive.
process.on('disconnect', () => process.removeAllListeners('message'));
