// The kernel under every floor: the one error type, secret redaction, the tool's version and the table renderer. It imports only Node.
export { AppError, isAppError, type AppErrorCode, type AppErrorDetails, type AppErrorOptions } from './app-error.js';
export { renderTable, type TableLayout } from './render-table.js';
export {
  BEARER_PATTERN,
  redactRow,
  redactSecrets,
  redactText,
  SECRET_HEADER_PATTERN,
  SECRET_SHAPES,
} from './redact-secrets.js';
export { PRIVATE_KEY_RULE, SECRET_RULES, type SecretRule } from './secret-rules.js';
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
