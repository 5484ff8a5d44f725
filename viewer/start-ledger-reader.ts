// The viewer's ledger reader: a worker thread with a heap limit, started again with twice the limit when a ledger outgrows it.
import { Worker } from 'node:worker_threads';
import { refreshLedgerCopies } from '../ledger/index.js';
import { readRunLock } from '../ledger/runs/index.js';
import type { ReaderRequest, WorkerMessage } from './compute-views.js';
import type { ProviderCatalog } from '../ledger/vocabulary/index.js';
import type { ViewPlans } from './read-capacity-view.js';

/** What the reader thread is told at its start (a --ledger flag bound the directory in the server's thread only). */
export interface ReaderData {
  dataDir: string;
  /** The provider catalog the command that started the viewer built (structured-cloned into the thread). */
  catalog: ProviderCatalog;
  ledgerUrl: string | null;
  /** The plans `experiment view --plan` was given (a Map: structured-cloned as one). */
  plans?: ViewPlans;
}

export interface LedgerReader {
  /** Reads the ledger as of `generation`; the views come through `receive`. */
  read(generation: number): void;
  stop(): Promise<void>;
}

/**
 * The reader's first old-generation limit (MB). The viewer reads the bench ledger (100,000 windows, 300,000 proxy
 * rows) within 144 MB and not within 136 (bench: viewer, the arms packed and the plan statuses let go); 160 leaves
 * about 11% before a reading is started again. Held to it, the reader collects its garbage instead of growing, where
 * the unbounded reader process reached 670-1,100 MB of RSS; the process's peak follows the limit (176 MB: 263-264
 * MiB of RSS, 160 MB: 248 MiB). A larger ledger runs out of it; the reader is started again with twice the limit.
 */
export const READER_HEAP_MB = 160;
const MAX_READER_HEAP_MB = 16_384;
/** A small young generation: the reader's rows are short-lived, and 3 x 16 MB of semi-spaces was RSS for nothing. */
const READER_YOUNG_MB = 8;

/**
 * A thread, not a child process: one Node for the server and the reader. It takes no file lock (the run lock is
 * looked at and a PostgreSQL ledger's copies caught up here, before each reading), so a reader started again after
 * running out of memory never loads the flock addon a second time, which aborts the process (ADR 0028).
 */
export function startLedgerReader(
  file: string,
  data: ReaderData,
  receive: (message: WorkerMessage) => void,
  say: (line: string) => void = (line) => void process.stderr.write(`${line}\n`),
  heapMb = READER_HEAP_MB,
): LedgerReader {
  let limit = heapMb;
  let reading: number | null = null;
  /** The last generation asked for: what an error is stamped with, so the server does not ask again at once. */
  let asked = 0;
  let stopped = false;
  const ask = (thread: Worker, generation: number): void => {
    try {
      refreshLedgerCopies(data.dataDir);
      const request: ReaderRequest = { generation, looked: { runLock: { held: readRunLock(data.dataDir) } } };
      thread.postMessage(request);
    } catch (error) {
      reading = null;
      receive({ kind: 'error', generation, message: (error as Error).message });
    }
  };
  // Null once a thread ended unasked (an error the server was told of): the next reading starts another.
  let worker: Worker | null = spawn();
  function spawn(): Worker {
    const thread = new Worker(file, {
      workerData: data,
      resourceLimits: { maxOldGenerationSizeMb: limit, maxYoungGenerationSizeMb: READER_YOUNG_MB },
      // Its stdout is not the viewer's (`--json` prints one line there): read and dropped.
      stdout: true,
    });
    thread.stdout.resume();
    let outgrown = false;
    thread.on('message', (message: WorkerMessage) => {
      if (message.kind === 'error' || (message.kind === 'reports' && message.complete)) reading = null;
      receive(message);
      // The reader posts the next part of the arms once this one is taken (ledger-worker.ts).
      if (message.kind === 'arms') thread.postMessage({ taken: true });
    });
    thread.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY' && limit < MAX_READER_HEAP_MB && !stopped) {
        outgrown = true;
        say(`experiment view: reading the ledger needed more than ${limit} MB; reading it again with ${limit * 2} MB`);
        limit *= 2;
        return;
      }
      receive({ kind: 'error', generation: asked, message: error.message });
    });
    thread.on('exit', (code) => {
      if (stopped || thread !== worker) return;
      if (!outgrown) {
        worker = null;
        reading = null;
        return receive({ kind: 'error', generation: asked, message: `the ledger reader stopped (exit ${code})` });
      }
      worker = spawn();
      if (reading !== null) ask(worker, reading);
    });
    return thread;
  }
  return {
    read(generation) {
      reading = generation;
      asked = generation;
      worker ??= spawn();
      ask(worker, generation);
    },
    stop: async () => {
      stopped = true;
      await worker?.terminate();
    },
  };
}
