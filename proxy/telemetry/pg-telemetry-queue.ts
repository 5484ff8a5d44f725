// The proxy's rows to a PostgreSQL ledger: a turn's rows in one locked multi-row INSERT off the request path, and
// each response's last bytes after the INSERT that holds its row has committed (exactly once, as with files).
import type { LedgerFile } from '../../ledger/index.js';
import { insertRowsLocked, type LedgerPool, openLedgerPool } from '../../ledger/pg/index.js';
import { prepareRows } from '../../ledger/index.js';
import { type QueueOptions, RowSink } from './telemetry-queue.js';

export class PgTelemetryQueue extends RowSink {
  private readonly pool: LedgerPool;
  /** This turn's rows by file; a turn ends with setImmediate, then its rows go as one batch. */
  private pending = new Map<LedgerFile, object[]>();
  private afterWrite: (() => void)[] = [];
  private turnOpen = false;
  /** Batches go one after another, so a file's rows reach the database in the order they came. */
  private chain: Promise<void> = Promise.resolve();
  private inFlight = 0;
  /** Rows the database refused (down, unreachable): tried again with the next batch and by flush(). */
  private readonly waiting = new Map<LedgerFile, object[]>();
  private waitingRows = 0;
  readonly written: Record<string, number> = {};
  lost = 0;

  private timer: NodeJS.Timeout | null = null;

  constructor(
    url: string,
    private readonly options: QueueOptions = {},
  ) {
    super();
    this.pool = openLedgerPool(url);
  }

  /** Runs `then` once every row added so far has committed (or was refused and kept for a retry). */
  whenWritten(then: () => void): void {
    if (this.pending.size === 0 && this.inFlight === 0) return then();
    this.afterWrite.push(then);
  }

  /** Sends this turn's rows and the refused ones again; resolves when the database has answered. */
  flush(): Promise<void> {
    this.sendTurn();
    return this.chain;
  }

  async close(): Promise<number> {
    await this.flush();
    if (this.timer) clearTimeout(this.timer);
    this.lost += this.waitingRows;
    this.waiting.clear();
    this.waitingRows = 0;
    await this.pool.end();
    return this.lost;
  }

  protected add(file: LedgerFile, row: object): void {
    // Stamp checked and secrets redacted here, before the row leaves the process (invariant 10).
    const [prepared] = prepareRows([row], file);
    const rows = this.pending.get(file);
    if (rows) rows.push(prepared as object);
    else this.pending.set(file, [prepared as object]);
    if (this.turnOpen) return;
    this.turnOpen = true;
    setImmediate(() => this.sendTurn());
  }

  private sendTurn(): void {
    this.turnOpen = false;
    const batch = this.pending;
    this.pending = new Map();
    const waiters = this.afterWrite;
    this.afterWrite = [];
    this.inFlight += 1;
    this.chain = this.chain
      .then(() => this.insertBatch(batch))
      .finally(() => {
        this.inFlight -= 1;
        for (const next of waiters) next();
      });
  }

  private async insertBatch(batch: Map<LedgerFile, object[]>): Promise<void> {
    for (const [file, rows] of batch) this.queueForRetry(file, rows);
    for (const [file, rows] of [...this.waiting]) {
      try {
        await insertRowsLocked(this.pool, file, rows);
        this.waiting.delete(file);
        this.waitingRows -= rows.length;
        this.written[file] = (this.written[file] ?? 0) + rows.length;
      } catch (error) {
        this.options.onError?.(`${file}: ${(error as Error).message}`);
      }
    }
    // Refused rows are tried again after flushMs even when no new request comes.
    if (this.waitingRows > 0 && this.timer === null) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.sendTurn();
      }, this.options.flushMs ?? 250);
      this.timer.unref();
    }
  }

  /** Every row waits here until its INSERT commits; past the cap the oldest are dropped and counted. */
  private queueForRetry(file: LedgerFile, rows: object[]): void {
    const waiting = this.waiting.get(file);
    if (waiting) waiting.push(...rows);
    else this.waiting.set(file, [...rows]);
    this.waitingRows += rows.length;
    const limit = this.options.maxPendingRows ?? 100_000;
    for (const queued of this.waiting.values()) {
      if (this.waitingRows <= limit) return;
      const excess = Math.min(queued.length, this.waitingRows - limit);
      queued.splice(0, excess);
      this.waitingRows -= excess;
      this.lost += excess;
    }
  }
}
