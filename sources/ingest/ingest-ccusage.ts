// Records the entries of a ccusage report as readings, once: an entry already ingested with the same content adds nothing.
import { createHash } from 'node:crypto';
import { appendRows, LEDGER_FILES, stampRow, type ReadingRow, type StampContext } from '../../ledger/index.js';
import { findContentKeys } from './find-content-keys.js';
import type { CcusageEntry, CcusageReport } from '../parsers/ccusage/parse-ccusage-report.js';

export interface CcusageIngestResult {
  report: string;
  entries: number;
  recorded: number;
  /** Entries whose exact content was already in the ledger. */
  alreadyThere: number;
  totalTokens: number;
}

export function ingestCcusageReport(
  dataDir: string,
  ctx: StampContext,
  report: CcusageReport,
  options: { windowId?: string | undefined; capturedAt?: Date } = {},
): CcusageIngestResult {
  const capturedAt = (options.capturedAt ?? new Date()).toISOString();
  const keyed = report.entries.map((entry) => ({ entry, key: digestEntry(report.report, entry) }));
  let recorded = 0;
  appendRows<ReadingRow>(
    dataDir,
    LEDGER_FILES.snapshots,
    () => {
      // Under the ledger lock, so two ingests of one report cannot both record it.
      const present = findContentKeys(
        dataDir,
        keyed.map(({ key }) => key),
      );
      const rows = keyed
        .filter(({ key }) => !present.has(key))
        .map(({ entry, key }) => buildRow(ctx, report.report, entry, key, capturedAt, options.windowId));
      recorded = rows.length;
      return rows;
    },
    ctx,
  );
  return {
    report: report.report,
    entries: report.entries.length,
    recorded,
    alreadyThere: report.entries.length - recorded,
    totalTokens: report.entries.reduce((sum, entry) => sum + entry.tokens.total, 0),
  };
}

/** What the source said about one entry, as a short digest: the same report ingested twice gives the same keys. */
export function digestEntry(report: string, entry: CcusageEntry): string {
  const content = JSON.stringify([report, entry.provider, entry.key, entry.tokens, entry.costUsd, entry.start ?? null, entry.end ?? null]);
  return createHash('sha256').update(content).digest('hex').slice(0, 32);
}

function buildRow(
  ctx: StampContext,
  report: string,
  entry: CcusageEntry,
  key: string,
  capturedAt: string,
  windowId: string | undefined,
): ReadingRow {
  return stampRow(ctx, 'reading', {
    provider: entry.provider,
    captured_at: capturedAt,
    format: 'ccusage',
    bars: {},
    tokens: entry.tokens,
    cost_usd: entry.costUsd,
    ...(windowId ? { window_id: windowId } : {}),
    period: { report, key: entry.key, ...(entry.start ? { start: entry.start } : {}), ...(entry.end ? { end: entry.end } : {}) },
    content_key: key,
  }) as ReadingRow;
}
