// Public API of the capacity-screen parsers: Codex /status, Claude /usage and JSON readings, and format detection.
export {
  ReadingSchema,
  fail,
  formatIssues,
  succeed,
  type ParseContext,
  type ParseIssue,
  type ParseResult,
  type Reading,
} from './reading.js';
export {
  INPUT_FORMATS,
  MAX_INPUT_CHARS,
  detectInputFormat,
  parseCapacityInput,
  type DetectedFormat,
  type InputFormat,
} from './detect-input.js';
export { parseCodexStatus } from './codex-status.js';
export { parseClaudeUsage } from './claude-usage.js';
export { parsePlainJson } from './plain-json.js';
export { isKnownZone, resolveResetTime } from './resolve-reset-time.js';
export { stripTerminalCodes } from './clean-screen-text.js';
export { readRolloutLine, type RolloutLine, type RolloutReading } from './codex-rollout-line.js';
export { ingestCodexRollouts, type RolloutIngestOptions, type RolloutIngestResult } from './ingest-codex-rollouts.js';
export { parseClaudeStatusline, type StatuslineInput } from './claude-statusline.js';
export { parseTelemetryLines, type RejectedTelemetryLine, type TelemetryLine, type TelemetryParse } from './proxy-telemetry.js';
export { parseRateLimitHeaders, type RateLimitReading } from './rate-limit-headers.js';
