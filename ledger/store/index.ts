// The ledger's store (a sub-face of ledger/): where rows live, how they are appended under the lock, read and kept when
// refused. The per-prompt and per-capture paths (statusline, snapshot's options, preview) load this instead of
// ledger/index.ts, which loads every row schema, the CSV ledgers and the report readers (ADR 0020, 0023).
export { bindPostgresLedger, readLedgerUrl } from '../pg/ledger-binding.js';
export { appendRows } from './append-rows.js';
export { DATA_DIR_MARKER, ensureDataDir, LEDGER_FILES, resolveAgentStateDir, resolveDataDir, type LedgerFile } from './data-dir.js';
export { findLinesContaining, type FoundLine } from './find-lines.js';
export { collectDeadIds, type FoldableRow } from './fold-rows.js';
export { keepReject, type RejectRecord } from './keep-reject.js';
export { locateLedgerFile } from './locate-ledger-file.js';
export { type FileBound, readBoundedFile, readStateJson, SMALL_FILE } from './read-bounded-file.js';
export { scanLedger } from './scan-ledger.js';
export { stampRow, type StampContext } from './stamp-row.js';
export { writeJsonAtomically } from './write-json-atomically.js';
