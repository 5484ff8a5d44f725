// The row writer of a proxy or an OTLP receiver: the data dir's files, or the PostgreSQL database bound to it (docs/team.md).
import { readLedgerUrl, type StampContext } from '../../ledger/index.js';
import { PgTelemetryQueue } from './pg-telemetry-queue.js';
import { type QueueOptions, type RowQueue, TelemetryQueue } from './telemetry-queue.js';

export function openRowQueue(dataDir: string, ctx: StampContext, options: QueueOptions): RowQueue {
  const url = readLedgerUrl(dataDir);
  if (url !== null) return new PgTelemetryQueue(url, options);
  return new TelemetryQueue(dataDir, ctx, options);
}
