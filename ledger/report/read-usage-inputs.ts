// Reads what the usage tables and limit changes need (the viewer's usage contract): token-bearing rows and completed windows.
import { ReadingRowSchema, type ReadingRow } from '../schemas/index.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { readUsageOtel, type UsageOtel, type UsageOtelRow } from '../otel/read-usage-otel.js';
import { scanTelemetryRows } from '../telemetry/scan-telemetry-rows.js';
import { readLiveRows } from './read-live-rows.js';
import { readReportWindows } from './read-report-windows.js';
import { pickUsageFields, type UsageTelemetryRow } from './pick-report-fields.js';
import type { ReportLedger, ReportWindow, SkippedLine } from './report-ledger.js';

/** A reading as the usage tables keep it (the bars and stamps are dropped). */
export type UsageLedgerReading = Pick<ReadingRow, 'provider' | 'captured_at' | 'format'> &
  Partial<Pick<ReadingRow, 'tokens' | 'cost_usd' | 'model' | 'session_id' | 'forked_from' | 'fork_base' | 'period' | 'account'>> &
  Partial<Pick<ReadingRow, 'project' | 'subagent_id' | 'message_key' | 'request_id'>>;

export interface UsageLedger {
  telemetry: UsageTelemetryRow[];
  readings: UsageLedgerReading[];
  /** The agents' own OpenTelemetry: each request's tokens, and token metric steps (readUsageOtel). */
  otel: UsageOtelRow[];
  windows: ReportWindow[];
  /** Lines that could not be used, as `file:line: why` (the first ones of each file), and torn tails. */
  problems: string[];
}

/**
 * Works on a file ledger or a PostgreSQL team ledger alike (through its local copy, as scanLedger reads it).
 * Snapshot rows are the bulk of snapshots.jsonl and carry no usage here, so their lines are not parsed; a
 * retraction names its target as `"target_kind"`, which the test below does not match, so it is still read.
 * `read`: the report ledger of the same data dir, already read (the viewer's reader has it): its proxy rows and
 * windows are the same ones, so they are not read and held a second time; those rows have no session id (the report
 * ledger does not keep it), so only inputs read without `read` serve the per-session table. `otel`: the OpenTelemetry
 * rows, already read (readUsageOtel: the viewer's reader counts them for the everyday calibration too).
 */
export function readUsageInputs(dataDir: string, read?: ReportLedger, otelRead?: UsageOtel): UsageLedger {
  const telemetry = read ? null : scanTelemetryRows(dataDir, { project: pickUsageFields });
  const readings = readLiveRows(dataDir, LEDGER_FILES.snapshots, 'reading', ReadingRowSchema, {
    keepLine: (text) => !text.includes('"kind":"snapshot"'),
    project: (row): UsageLedgerReading | null =>
      row.tokens
        ? {
            provider: row.provider,
            captured_at: row.captured_at,
            format: row.format,
            tokens: row.tokens,
            ...(row.cost_usd === undefined ? {} : { cost_usd: row.cost_usd }),
            ...(row.model === undefined ? {} : { model: row.model }),
            ...(row.session_id === undefined ? {} : { session_id: row.session_id }),
            ...(row.forked_from === undefined ? {} : { forked_from: row.forked_from }),
            ...(row.fork_base === undefined ? {} : { fork_base: row.fork_base }),
            ...(row.period === undefined ? {} : { period: row.period }),
            ...(row.account === undefined ? {} : { account: row.account }),
            ...(row.project === undefined ? {} : { project: row.project }),
            ...(row.subagent_id === undefined ? {} : { subagent_id: row.subagent_id }),
            ...(row.message_key === undefined ? {} : { message_key: row.message_key }),
            ...(row.request_id === undefined ? {} : { request_id: row.request_id }),
          }
        : null,
  });
  const otel = otelRead ?? readUsageOtel(dataDir);
  const windows = read ? null : readReportWindows(dataDir);
  const skipped: SkippedLine[] = read
    ? [
        ...read.skipped.filter((line) => line.file === LEDGER_FILES.proxyTelemetry || line.file === LEDGER_FILES.windows),
        ...readings.skipped,
        ...otel.skipped,
      ]
    : [...(telemetry?.unreadable ?? []), ...(telemetry?.skipped ?? []), ...readings.skipped, ...otel.skipped, ...(windows?.skipped ?? [])];
  const tornTails = read ? read.tornTails.filter((file) => file === LEDGER_FILES.windows) : (windows?.tornTails ?? []);
  const problems = [
    ...skipped.map((line) => `${line.file}:${line.lineNo}: ${line.reason}`),
    ...(readings.torn ? [`${LEDGER_FILES.snapshots}: torn last line (left for the next writer)`] : []),
    ...(otel.torn ? [`${LEDGER_FILES.otelUsage}: torn last line (left for the next writer)`] : []),
    ...(otel.unplaced > 0
      ? [`${LEDGER_FILES.otelUsage}: ${otel.unplaced} row(s) with tokens name no provider (tag the export with tracker.provider)`]
      : []),
    ...tornTails.map((file) => `${file}: torn last line (left for the next writer)`),
    // The report ledger keeps the first 20 unusable lines of all its files: say so when some were left out.
    ...(read && read.skippedCount > read.skipped.length
      ? [
          `${read.skippedCount - read.skipped.length} more unusable lines in the ledger are not listed here (experiment report counts them all)`,
        ]
      : []),
  ];
  return {
    telemetry: read ? read.telemetry : (telemetry?.rows ?? []),
    readings: readings.rows.filter((row): row is UsageLedgerReading => row !== null),
    otel: otel.rows,
    windows: read ? read.windows : (windows?.windows ?? []),
    problems,
  };
}
