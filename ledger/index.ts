// Public API of the ledger: row schemas, the append-only store, readers and folding.
export * from './schemas/index.js';
export { AppError, isAppError, type AppErrorCode } from './app-error.js';
export { SCHEMA_VERSION, TOOL_VERSION } from './tool-version.js';
