// Public API of the ledger: row schemas, the append-only store, readers, folding and the window rules.
export * from './schemas/index.js';
// The kernel's error, redaction and version, re-exported for the ./ledger subpath's users (its home is kernel/).
export {
  AppError,
  isAppError,
  type AppErrorCode,
  type AppErrorDetails,
  type AppErrorOptions,
  redactRow,
  redactSecrets,
  redactText,
  SCHEMA_VERSION,
  TOOL_VERSION,
} from '../kernel/index.js';
export { stampRow, type StampContext, type StampedFields } from './store/stamp-row.js';
export {
  LEDGER_FILES,
  resolveAgentStateDir,
  DATA_DIR_MARKER,
  ensureDataDir,
  ensureDir,
  resolveLedgerPath,
  resolveRejectsDir,
  resolveDataDir,
  type LedgerFile,
} from './store/data-dir.js';
export {
  appendRows,
  prepareRows,
  readRefusedWriteStart,
  repairTornTail,
  tryRepairTornTail,
  type RowsOrBuilder,
  type TornTailRepair,
} from './store/append-rows.js';
export { LedgerAppender } from './store/ledger-appender.js';
export { tryLockFile, unlockFile, withExclusiveLock } from './store/file-lock.js';
export { locateLedgerFile, readLedgerCopiesAsTheyAre, refreshLedgerCopies } from './store/locate-ledger-file.js';
export { bindPostgresLedger, readLedgerUrl } from './pg/ledger-binding.js';
export { checkLedgerUrl, describeLedgerUrl } from './pg/ledger-url.js';
export { scanLedger, type ScanOptions, type ScanResult, type UnreadableLine } from './store/scan-ledger.js';
export { readLines, type LineVisit, type ReadLinesResult } from './store/read-lines.js';
export { findLinesContaining, searchLines, type FoundLine } from './store/find-lines.js';
export { writeJsonAtomically } from './store/write-json-atomically.js';
export { checkJsonShape, readJsonFile } from './store/read-json-file.js';
export {
  type FileBound,
  readBoundedFile,
  readStateJson,
  SMALL_FILE,
} from './store/read-bounded-file.js';
export { collectDeadIds, foldRows, type FoldableRow } from './store/fold-rows.js';
export { keepReject, type RejectRecord } from './store/keep-reject.js';
export * from './state/index.js';
export * from './windows/index.js';
export * from './readings/index.js';
export { findLatestReading } from './readings/find-latest-reading.js';
export { findWindowReading, type WindowReadingQuery } from './readings/find-window-reading.js';
export * from './scanners/index.js';
export { appendCsvRecords, CSV_LEDGERS, readCsvRecords, type CsvLedger } from './store/csv-ledger.js';
export {
  CHURN_COLUMNS,
  CheckpointStageSchema,
  TOKEN_CHURN_COLUMNS,
  type CheckpointStage,
  type ChurnRecord,
  type TokenChurnRecord,
} from './schemas/churn.js';
export * from './telemetry/index.js';
export * from './otel/index.js';
export { readReportLedger } from './report/read-report-ledger.js';
export {
  REPORT_TELEMETRY_FIELDS,
  type ReportLedger,
  type ReportTelemetryRow,
  type ReportWindow,
  type ReportWindowTests,
  type SkippedLine,
} from './report/report-ledger.js';
export { toReportWindow, type ReportNarrowing } from './report/read-report-windows.js';
export { readUsageInputs, type UsageLedger, type UsageLedgerReading } from './report/read-usage-inputs.js';
export type { UsageTelemetryRow } from './report/pick-report-fields.js';
export {
  createBarInputsReader,
  readBarInputs,
  readGivenBackWindows,
  type BarInputs,
  type BarInputsReader,
  type BarObservation,
  type BarTelemetry,
} from './bars/read-bar-inputs.js';
export { type BarInputsVisitor, visitBarInputs } from './bars/visit-bar-inputs.js';
export { isWindowOrProbe, makeProbeWindowId, parseProbeWindowId, type ProbePhase } from './vocabulary/index.js';
export { findExchangeAccount, fingerprintAccount } from './vocabulary/index.js';
export { readMachineId } from './vocabulary/index.js';
