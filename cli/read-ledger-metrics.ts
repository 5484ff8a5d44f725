// What `tracker metrics` serves, read from a data dir at scrape time and kept a few seconds: one ledger read per scrape at most.
import { createBarInputsReader, readUsageInputs, scanTelemetryRows } from '../ledger/index.js';
import { readPlanStatuses } from '../ledger/runs/index.js';
import { type FailoverMove, type LedgerMetrics, summarizeLedgerMetrics } from '../reports/index.js';
import { loadPriceFile } from './load-price-file.js';
import { loadProviderCatalog } from './load-provider-catalog.js';

export interface MetricsReadSettings {
  timeZone: string;
  maxLabelValues: number;
  /** A read this recent is served again rather than read anew. */
  cacheMs: number;
  /** A price file (`--prices`). */
  prices?: string | undefined;
  /** The clock (tests set it). */
  now?: () => Date;
}

/** One read of the ledger: its metrics, when it was taken and how long it took. */
export interface MetricsRead {
  metrics: LedgerMetrics;
  at: Date;
  seconds: number;
}

export interface LedgerMetricsReader {
  /** The metrics as the ledger has them now, or as they were read less than `cacheMs` ago. */
  read(): MetricsRead;
}

/**
 * The bars' rows are read on from where the last read ended (createBarInputsReader); the usage rows are read whole,
 * as `tracker usage` reads them, so each scrape counts what `tracker usage` would print then. A scrape that comes
 * within `cacheMs` of the last read is answered from it: Prometheus servers scraping every second cost one read each
 * few seconds, not one each.
 */
export function createLedgerMetricsReader(dataDir: string, settings: MetricsReadSettings): LedgerMetricsReader {
  const clock = settings.now ?? (() => new Date());
  const bars = createBarInputsReader(dataDir);
  let last: MetricsRead | null = null;
  return {
    read() {
      const now = clock();
      if (last !== null && now.getTime() - last.at.getTime() < settings.cacheMs) return last;
      const started = performance.now();
      const catalog = loadProviderCatalog(dataDir);
      const usage = { ...readUsageInputs(dataDir), prices: loadPriceFile(catalog, settings.prices) };
      const metrics = summarizeLedgerMetrics(
        { usage, bars: bars.read(), failovers: readFailoverMoves(dataDir), plans: readPlanStatuses(dataDir, undefined, now) },
        { now, timeZone: settings.timeZone, maxLabelValues: settings.maxLabelValues },
      );
      last = { metrics, at: now, seconds: (performance.now() - started) / 1000 };
      return last;
    },
  };
}

/** The proxy rows the failover chain moved (a byte search skips every other line unparsed). */
function readFailoverMoves(dataDir: string): FailoverMove[] {
  const scan = scanTelemetryRows(dataDir, {
    needles: ['"failover_from"'],
    project: (row): FailoverMove | null =>
      row.failover_from === undefined
        ? null
        : { from: row.failover_from, to: row.backend_provider, reason: row.failover_reason?.trigger ?? 'unknown' },
  });
  return scan.rows.filter((move): move is FailoverMove => move !== null);
}
