// The viewer's reader thread: reads the ledger and builds the reports, so a slow report never holds up a request or an event.
// A worker thread of the server's process (one Node for both: ~60 MB less than a child process, bench: viewer), held
// to a heap limit by start-ledger-reader.ts. It takes no file lock, so it never loads the flock addon (ADR 0028).
import { parentPort, workerData } from 'node:worker_threads';
import { bindPostgresLedger, readLedgerCopiesAsTheyAre } from '../ledger/index.js';
import { listPartBuffers } from './arm-parts.js';
import { computeViews, type ReaderRequest, type WorkerMessage } from './compute-views.js';
import type { ReaderData } from './start-ledger-reader.js';

const { dataDir, catalog, ledgerUrl, plans } = workerData as ReaderData;
// Module state is per thread: the server's --ledger binding is made here again, and the server catches the local
// copies up before each reading (that takes the copy's lock), so this thread reads them as they are.
if (ledgerUrl) bindPostgresLedger(dataDir, ledgerUrl);
readLedgerCopiesAsTheyAre();

/** Resolves the wait for the server's word that it took the last part of the arms. */
let taken: (() => void) | null = null;

/**
 * A posted message is cloned at once, so the reader holds nothing of a view once it is posted. The arms' parts wait
 * for the server to take each: posted all at once they queued as 34 MB of clones beside both threads' copies.
 */
const post = (message: WorkerMessage): void | Promise<void> => {
  if (message.kind !== 'arms') return void parentPort?.postMessage(message);
  return new Promise<void>((resolve) => {
    taken = resolve;
    // The part's typed arrays are moved: this thread's views of them are emptied, nothing is copied.
    parentPort?.postMessage(message, listPartBuffers(message.part));
  });
};

parentPort?.on('message', async (request: ReaderRequest | { taken: true }) => {
  if ('taken' in request) {
    taken?.();
    taken = null;
    return;
  }
  try {
    await computeViews(dataDir, catalog, request.generation, post, request.looked, plans);
  } catch (error) {
    post({ kind: 'error', generation: request.generation, message: (error as Error).message });
  }
});
