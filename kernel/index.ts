// The kernel under every floor: the one error type, secret redaction, the tool's version and the table renderer. It imports only Node.
export { AppError, isAppError, type AppErrorCode, type AppErrorDetails, type AppErrorOptions } from './app-error.js';
export { renderTable, type TableLayout } from './render-table.js';
export { redactRow, redactSecrets, redactText } from './secrets/redact-secrets.js';
export { findSecrets } from './secrets/find-secrets.js';
export { measureEntropy, type SecretSpan } from './secrets/secret-detector.js';
export { escapeControls, escapeLines, escapeMarkup, escapeStrings } from './escape-controls.js';
export { parseJsonText } from './parse-json-text.js';
export { allowSkip, REQUIRE_TOOLS_VAR } from './require-tools.js';
export { requireLazily } from './require-lazily.js';
export { SCHEMA_VERSION, TOOL_VERSION } from './tool-version.js';
export { findPackageRoot, resolvePackagePath } from './package-root.js';
export { assertSafeHost, isLoopbackHost } from './assert-safe-host.js';
export { hasUrlCredentials } from './has-url-credentials.js';
export { matchesToken } from './compare-token.js';
export { pluralize } from './pluralize.js';
export { findClosest, suggestClosest } from './find-closest.js';
export { createTextSharer } from './share-texts.js';
export { createMulberry32 } from './seeded-random.js';
