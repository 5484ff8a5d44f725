// The PostgreSQL ledger (a sub-face of ledger/): fences for queued arms, export, push, the bridge and the proxy's pool.
export { exportLedger, type ExportedFile } from './export-ledger.js';
export { insertRowsLocked, type LedgerPool, openLedgerPool } from './insert-rows-async.js';
export { FENCE_REFUSED, type LedgerFence, withLedgerFence } from './ledger-fence.js';
export { pgBridge } from './pg-bridge.js';
export { type PushedFile, pushLedger } from './push-ledger.js';
