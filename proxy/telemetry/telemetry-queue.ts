// Writes telemetry, reading, budget-event and OpenTelemetry rows to the ledger in the turn they come (a response waits for its row) and batches the fsyncs.
import { open } from 'node:fs/promises';
import { LEDGER_FILES, resolveLedgerPath, type LedgerFile, type StampContext } from '../../ledger/index.js';
import { readRefusedWriteStart } from '../../ledger/index.js';
import { LedgerAppender } from '../../ledger/index.js';

export interface QueueOptions {
  /** How long written rows may wait for their fsync, and refused rows for their next try. */
  flushMs?: number;
  /** Told when rows could not be written (they are kept for the next try) or synced. */
  onError?: (message: string) => void;
  /** Rows kept in memory while writes fail; past it the oldest are dropped (and counted). */
  maxPendingRows?: number;
}

/** Rows the disk refused, waiting for the next try; `retryFrom` is where the first refused attempt started. */
interface Waiting {
  rows: object[];
  retryFrom: number | undefined;
}

/** What the proxy needs of a row writer: this file-ledger queue, or PgTelemetryQueue for a PostgreSQL ledger. */
export type RowQueue = Pick<
  TelemetryQueue,
  'addTelemetry' | 'addReading' | 'addBudgetEvent' | 'addOtel' | 'whenWritten' | 'flush' | 'close' | 'written' | 'lost'
>;

/** The kinds of row the proxy writes, each to its ledger file; a queue says how a row is written. */
export abstract class RowSink {
  addTelemetry(row: object): void {
    this.add(LEDGER_FILES.proxyTelemetry, row);
  }

  addReading(row: object): void {
    this.add(LEDGER_FILES.snapshots, row);
  }

  addBudgetEvent(row: object): void {
    this.add(LEDGER_FILES.budgetEvents, row);
  }

  /** A row of the agents' own OpenTelemetry (the OTLP receiver's, docs/otel.md). */
  addOtel(row: object): void {
    this.add(LEDGER_FILES.otelUsage, row);
  }

  protected abstract add(file: LedgerFile, row: object): void;
}

export class TelemetryQueue extends RowSink {
  private readonly waiting = new Map<LedgerFile, Waiting>();
  /** The rows added in this turn of the event loop after its first, by file, written together at its end. */
  private readonly pending = new Map<LedgerFile, object[]>();
  /** What waits for those rows: the last bytes of the responses they describe. */
  private afterWrite: (() => void)[] = [];
  /** True from the first row of a turn until setImmediate ends the turn. */
  private turnOpen = false;
  /** One kept-open descriptor per file: a row per request must not cost an open, a mkdir and a close. */
  private readonly appenders = new Map<LedgerFile, LedgerAppender>();
  private waitingRows = 0;
  /** Files written since their last fsync. */
  private readonly unsynced = new Set<LedgerFile>();
  private timer: NodeJS.Timeout | null = null;
  private syncing: Promise<void> = Promise.resolve();
  private readonly flushMs: number;
  /** Rows written so far, by file. */
  readonly written: Record<string, number> = {};
  /** Rows given up on: dropped while the disk refused them, or still unwritten at close. */
  lost = 0;

  constructor(
    private readonly dataDir: string,
    private readonly ctx: StampContext,
    private readonly options: QueueOptions = {},
  ) {
    super();
    this.flushMs = options.flushMs ?? 250;
  }

  /**
   * Runs `then` once every row added so far is written (or refused and kept for a retry): at once when none
   * waits, else right after this turn's write. A response's last bytes go through here, so the row of an
   * exchange is in the file before its client has the whole answer (a SIGKILL then loses no row).
   */
  whenWritten(then: () => void): void {
    if (this.pending.size === 0) return then();
    this.afterWrite.push(then);
  }

  /** Tries the refused rows again and fsyncs what was written; resolves when that is done. */
  flush(): Promise<void> {
    this.writePending();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const [file, waiting] of [...this.waiting]) {
      this.waiting.delete(file);
      this.waitingRows -= waiting.rows.length;
      this.writeNow(file, waiting.rows, waiting.retryFrom);
    }
    const files = [...this.unsynced];
    this.unsynced.clear();
    if (files.length > 0) {
      this.syncing = this.syncing.then(() =>
        Promise.all(files.map((file) => syncFile(resolveLedgerPath(this.dataDir, file)))).then(
          () => undefined,
          (error: Error) => this.options.onError?.(`fsync: ${error.message}`),
        ),
      );
    }
    return this.syncing;
  }

  /** Writes what waits (one last try), fsyncs; resolves with the rows that could not be written. */
  async close(): Promise<number> {
    await this.flush();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.lost += this.waitingRows;
    this.waiting.clear();
    this.waitingRows = 0;
    for (const appender of this.appenders.values()) appender.close();
    this.appenders.clear();
    return this.lost;
  }

  /**
   * The first row of a turn is written at once (with one client nothing else comes). Rows that follow in the
   * same turn (at 64 clients a turn settles up to ~40 responses) share one lock and one write when setImmediate
   * ends it; their responses' last bytes wait for that (whenWritten). About a tenth of the proxy's CPU per
   * request at 64 clients in an A/B run (docs/decisions/0004-kept-open-ledger-appender.md).
   */
  protected add(file: LedgerFile, row: object): void {
    if (!this.turnOpen) {
      this.turnOpen = true;
      setImmediate(() => {
        this.turnOpen = false;
        this.writePending();
      });
      return this.writeInOrder(file, [row]);
    }
    const rows = this.pending.get(file);
    if (rows) rows.push(row);
    else this.pending.set(file, [row]);
  }

  /** The turn's waiting rows to disk, then what waited for them (also when the disk refused them: the proxy keeps serving). */
  private writePending(): void {
    for (const [file, rows] of [...this.pending]) {
      this.pending.delete(file);
      this.writeInOrder(file, rows);
    }
    const then = this.afterWrite;
    this.afterWrite = [];
    for (const next of then) {
      try {
        next();
      } catch (error) {
        // One response's defect must not keep the others of the turn from their last bytes.
        this.options.onError?.(`after the write: ${(error as Error).message}`);
      }
    }
  }

  /** While the disk refuses the file, new rows queue behind the refused ones (order kept) until the timer retries. */
  private writeInOrder(file: LedgerFile, rows: object[]): void {
    const waiting = this.waiting.get(file);
    if (!waiting) return this.writeNow(file, rows, undefined);
    waiting.rows.push(...rows);
    this.waitingRows += rows.length;
    this.dropOverflow();
  }

  /**
   * Before the responses the rows describe are released: the rows are in the kernel's page cache when a
   * client can act on its answer, so a SIGKILL of the proxy cannot lose them (only a power cut before the
   * batched fsync can). Batching rows in memory lost up to 250 ms of them to a kill.
   */
  private writeNow(file: LedgerFile, rows: object[], retryFrom: number | undefined): void {
    try {
      this.appenderOf(file).append(rows, retryFrom);
      this.written[file] = (this.written[file] ?? 0) + rows.length;
      this.unsynced.add(file);
    } catch (error) {
      this.options.onError?.((error as Error).message);
      // A refused write is taken back whole; should that fail too, the retry skips by id whatever stayed.
      const startOffset = readRefusedWriteStart(error);
      this.waiting.set(file, { rows, retryFrom: retryFrom ?? startOffset });
      this.waitingRows += rows.length;
      this.dropOverflow();
    }
    this.armTimer();
  }

  private appenderOf(file: LedgerFile): LedgerAppender {
    let appender = this.appenders.get(file);
    if (!appender) this.appenders.set(file, (appender = new LedgerAppender(this.dataDir, file, this.ctx)));
    return appender;
  }

  private armTimer(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), this.flushMs);
    this.timer.unref();
  }

  /** While the disk refuses rows, memory must not grow without bound: the oldest go first. */
  private dropOverflow(): void {
    const limit = this.options.maxPendingRows ?? 100_000;
    for (const waiting of this.waiting.values()) {
      if (this.waitingRows <= limit) return;
      const excess = Math.min(waiting.rows.length, this.waitingRows - limit);
      waiting.rows.splice(0, excess);
      this.waitingRows -= excess;
      this.lost += excess;
    }
  }
}

/** fsync on the libuv thread pool: the event loop (and every stream) goes on meanwhile. */
async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
