// Collects telemetry, reading and budget-event rows off the hot path and writes them in batches; flushes on shutdown.
import { LEDGER_FILES, type LedgerFile, type StampContext } from '../../ledger/index.js';
import { LedgerWriterThread, type RowBatch } from './ledger-writer-thread.js';

export interface QueueOptions {
  /** How long a row may wait before a batch is written. */
  flushMs?: number;
  /** A batch is written at once when this many rows wait. */
  maxRows?: number;
  /** Told when a batch could not be written (the rows are kept for the next try). */
  onError?: (message: string) => void;
  /** Rows kept in memory while writes fail; past it the oldest are dropped (and counted). */
  maxPendingRows?: number;
}

export class TelemetryQueue {
  private pending: RowBatch[] = [];
  private pendingRows = 0;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private readonly writer: LedgerWriterThread;
  private readonly flushMs: number;
  private readonly maxRows: number;
  /** Rows written so far, by file. */
  readonly written: Record<string, number> = {};
  /** Rows given up on: dropped while the disk refused them, or still unwritten at close. */
  lost = 0;

  constructor(
    dataDir: string,
    ctx: StampContext,
    private readonly options: QueueOptions = {},
  ) {
    this.writer = new LedgerWriterThread(dataDir, ctx);
    this.flushMs = options.flushMs ?? 250;
    this.maxRows = options.maxRows ?? 500;
  }

  addTelemetry(row: object): void {
    this.add(LEDGER_FILES.proxyTelemetry, row);
  }

  addReading(row: object): void {
    this.add(LEDGER_FILES.snapshots, row);
  }

  addBudgetEvent(row: object): void {
    this.add(LEDGER_FILES.budgetEvents, row);
  }

  /** Writes whatever waits; resolves when it is on disk. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batches = this.pending;
    this.pending = [];
    this.pendingRows = 0;
    if (batches.length > 0) {
      this.writing = this.writing.then(() =>
        this.writer.write(batches).then(
          () => {
            for (const batch of batches) this.written[batch.file] = (this.written[batch.file] ?? 0) + batch.rows.length;
          },
          (error: Error) => {
            this.options.onError?.(error.message);
            for (const batch of batches.reverse()) {
              const newer = this.pending.find((candidate) => candidate.file === batch.file);
              if (newer) newer.rows.unshift(...batch.rows);
              else this.pending.unshift(batch);
            }
            this.pendingRows += batches.reduce((sum, batch) => sum + batch.rows.length, 0);
            this.dropOverflow();
            this.armTimer();
          },
        ),
      );
    }
    return this.writing;
  }

  /** Writes what waits (one last try) and stops the writer; resolves with the rows that could not be written. */
  async close(): Promise<number> {
    await this.flush();
    if (this.timer) clearTimeout(this.timer);
    this.lost += this.pendingRows;
    this.pending = [];
    this.pendingRows = 0;
    await this.writer.close();
    return this.lost;
  }

  private add(file: LedgerFile, row: object): void {
    // One batch per file: a flush is at most one locked append per file, however rows interleave.
    const batch = this.pending.find((candidate) => candidate.file === file);
    if (batch) batch.rows.push(row);
    else this.pending.push({ file, rows: [row] });
    this.pendingRows += 1;
    if (this.pendingRows >= this.maxRows) void this.flush();
    else this.armTimer();
  }

  private armTimer(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), this.flushMs);
    this.timer.unref();
  }

  /** While the disk refuses rows, memory must not grow without bound: the oldest go first. */
  private dropOverflow(): void {
    const limit = this.options.maxPendingRows ?? 100_000;
    while (this.pendingRows > limit && this.pending.length > 0) {
      const oldest = this.pending[0] as RowBatch;
      const excess = Math.min(oldest.rows.length, this.pendingRows - limit);
      oldest.rows.splice(0, excess);
      this.pendingRows -= excess;
      this.lost += excess;
      if (oldest.rows.length === 0) this.pending.shift();
    }
  }
}
