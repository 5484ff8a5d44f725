// The viewer's reader process: reads the ledger and builds the reports, so a slow report never holds up a request or an event.
// A child process, not a worker thread: the ledger's flock addon (fs-ext) cannot be loaded twice in one process.
import { bindPostgresLedger } from '../ledger/index.js';
import { computeViews, type WorkerMessage } from './compute-views.js';

const dataDir = process.env.TRACKER_VIEW_DATA_DIR ?? '';
// A --ledger flag bound the directory in the server's process only: bind it here too.
const ledgerUrl = process.env.TRACKER_VIEW_LEDGER_URL;
if (ledgerUrl) bindPostgresLedger(dataDir, ledgerUrl);

/**
 * Resolves once the message is written to the channel: a message larger than the pipe's buffer (the statuses or the
 * arms of a large ledger) is otherwise only written as the event loop turns, i.e. after the next synchronous step.
 */
const post = (message: WorkerMessage): Promise<void> =>
  new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });

process.on('message', async (request: { generation: number }) => {
  const generation = request.generation;
  try {
    await computeViews(dataDir, generation, post);
  } catch (error) {
    await post({ kind: 'error', generation, message: (error as Error).message });
  }
});
// The server went away (stopped, or killed): nothing is left to answer, and the open channel was all that kept this alive.
process.on('disconnect', () => process.removeAllListeners('message'));
// Stopped by the server: let go of the channel and end as a program does (nothing else keeps this process alive), so
// `node --cpu-prof` (the viewer bench's profile) writes this process's profile too; the default action would not.
process.on('SIGTERM', () => {
  if (process.connected) process.disconnect?.();
});
