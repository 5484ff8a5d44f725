// The viewer's ledger reader: a child process with a heap limit, started again with twice the limit when a ledger outgrows it.
import { type ChildProcess, fork } from 'node:child_process';
import type { WorkerMessage } from './compute-views.js';

export interface LedgerReader {
  /** Reads the ledger as of `generation`; the views come through `receive`. */
  read(generation: number): void;
  stop(): Promise<void>;
}

/**
 * The reader's first heap limit (MB). It reads 100,000 windows and 300,000 proxy rows within 160 MB (bench: viewer):
 * held to it, it collects its garbage instead of growing, where the unbounded reader reached 670-1,100 MB of RSS. A
 * larger ledger runs out of it; the reader is then started again with twice the limit and reads the same change.
 */
export const READER_HEAP_MB = 160;
const MAX_READER_HEAP_MB = 16_384;
/** V8's words when a heap reaches its limit (the process then aborts). */
const OUT_OF_MEMORY = /JavaScript heap out of memory/;

/**
 * A child process, not a worker thread: the ledger's flock addon (fs-ext) aborts the process when a thread loads it
 * after another thread that had it ended (V8 "Check failed: node->IsInUse()"; reproduced on Node 20, ADR 0028), and
 * the reader loads it (the run lock's probe, a PostgreSQL copy's catch-up).
 */
export function startLedgerReader(
  file: string,
  env: NodeJS.ProcessEnv,
  receive: (message: WorkerMessage) => void,
  say: (line: string) => void = (line) => void process.stderr.write(`${line}\n`),
  heapMb = READER_HEAP_MB,
): LedgerReader {
  let limit = heapMb;
  let reading: number | null = null;
  let stopped = false;
  let child = spawn();
  function spawn(): ChildProcess {
    const reader = fork(file, [], {
      serialization: 'advanced',
      env,
      // The parent's flags first (a profiler's --cpu-prof), then the limits, which win over any of its own.
      execArgv: [...process.execArgv, `--max-old-space-size=${limit}`, '--max-semi-space-size=1'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let tail = '';
    reader.stderr?.setEncoding('utf8');
    reader.stderr?.on('data', (text: string) => {
      tail = (tail + text).slice(-4096);
      // V8's own report of the limit is not the user's business: it is said in one line below.
      if (!OUT_OF_MEMORY.test(tail)) process.stderr.write(text);
    });
    reader.on('message', (message: WorkerMessage) => {
      if (message.kind === 'error' || (message.kind === 'reports' && message.complete)) reading = null;
      receive(message);
    });
    reader.on('error', (error) => receive({ kind: 'error', generation: reading ?? 0, message: error.message }));
    reader.on('exit', (code, signal) => {
      if (stopped) return;
      if (OUT_OF_MEMORY.test(tail) && limit < MAX_READER_HEAP_MB) {
        say(`experiment view: reading the ledger needed more than ${limit} MB; reading it again with ${limit * 2} MB`);
        limit *= 2;
        child = spawn();
        if (reading !== null) child.send({ generation: reading });
        return;
      }
      receive({ kind: 'error', generation: reading ?? 0, message: `the ledger reader stopped (${signal ?? `exit ${code}`})` });
    });
    return reader;
  }
  return {
    read(generation) {
      reading = generation;
      child.send({ generation });
    },
    stop: async () => {
      stopped = true;
      child.kill();
    },
  };
}
