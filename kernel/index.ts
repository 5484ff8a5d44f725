// The kernel under every floor: the one error type, secret redaction and the tool's version. It imports only Node.
export { AppError, isAppError, type AppErrorCode, type AppErrorDetails, type AppErrorOptions } from './app-error.js';
export { redactRow, redactSecrets, redactText } from './redact-secrets.js';
export { SCHEMA_VERSION, TOOL_VERSION } from './tool-version.js';
