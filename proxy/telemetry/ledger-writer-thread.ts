// A worker thread that appends batches of rows to the ledger, so fsync and the file lock never stall a stream.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { appendRows, type LedgerFile, type StampContext } from '../../ledger/index.js';

export interface RowBatch {
  file: LedgerFile;
  rows: object[];
}

interface WriterData {
  /** Tells this module's worker apart from other workers that import the ledger. */
  role: 'ledger-writer';
  dataDir: string;
  ctx: StampContext;
}

type Reply = { seq: number; ok: true } | { seq: number; ok: false; message: string };

/** Writes batches on a worker thread; run from TypeScript sources (unit tests), it writes inline instead. */
export class LedgerWriterThread {
  private readonly worker: Worker | null;
  private seq = 0;
  private readonly waiting = new Map<number, (reply: Reply) => void>();

  constructor(
    private readonly dataDir: string,
    private readonly ctx: StampContext,
  ) {
    if (import.meta.url.endsWith('.ts')) {
      this.worker = null;
      return;
    }
    this.worker = new Worker(new URL(import.meta.url), { workerData: { role: 'ledger-writer', dataDir, ctx: { agentId: ctx.agentId, source: ctx.source } } satisfies WriterData });
    this.worker.on('message', (reply: Reply) => {
      this.waiting.get(reply.seq)?.(reply);
      this.waiting.delete(reply.seq);
      // An idle writer must not keep the process alive; one with rows in hand must.
      if (this.waiting.size === 0) this.worker?.unref();
    });
    this.worker.unref();
  }

  /** Resolves once the batches are on disk; rejects with the store's error message. */
  write(batches: RowBatch[]): Promise<void> {
    if (!this.worker) {
      for (const batch of batches) appendRows(this.dataDir, batch.file, batch.rows, this.ctx);
      return Promise.resolve();
    }
    const seq = (this.seq += 1);
    const worker = this.worker;
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, (reply) => (reply.ok ? resolve() : reject(new Error(reply.message))));
      worker.ref();
      worker.postMessage({ seq, batches });
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }
}

if (!isMainThread && parentPort && (workerData as Partial<WriterData> | null)?.role === 'ledger-writer') {
  const { dataDir, ctx } = workerData as WriterData;
  const port = parentPort;
  port.on('message', ({ seq, batches }: { seq: number; batches: RowBatch[] }) => {
    try {
      for (const batch of batches) appendRows(dataDir, batch.file, batch.rows, ctx);
      port.postMessage({ seq, ok: true } satisfies Reply);
    } catch (error) {
      port.postMessage({ seq, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies Reply);
    }
  });
}
