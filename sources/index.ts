// Public API of the capacity-screen parsers: Codex /status, Claude /usage and JSON readings, and format detection.
export * from './parsers/index.js';
export { parseCodexStatus } from './parsers/codex-status.js';
export { parseClaudeUsage } from './parsers/claude-usage.js';
export { parsePlainJson } from './parsers/plain-json.js';
export { isKnownZone, resolveResetTime } from './parsers/resolve-reset-time.js';
export { stripTerminalCodes } from './parsers/clean-screen-text.js';
export { readRolloutLine, type RolloutLine, type RolloutReading, type RolloutSession } from './parsers/codex-rollout-line.js';
export { ingestCodexRollouts, type RolloutIngestOptions, type RolloutIngestResult } from './ingest/ingest-codex-rollouts.js';
export { type GeminiIngestOptions, type GeminiIngestResult, ingestGeminiSessions } from './ingest/ingest-gemini-sessions.js';
export { parseClaudeStatusline, type StatuslineInput } from './parsers/statusline/claude-statusline.js';
export { parseTelemetryLines, type RejectedTelemetryLine, type TelemetryLine, type TelemetryParse } from './parsers/proxy-telemetry.js';
export { parseRateLimitHeaders, type RateLimitReading } from './parsers/rate-limit-headers.js';
export { type CcusageIngestResult, digestEntry, ingestCcusageReport } from './ingest/ingest-ccusage.js';
export { type ClaudeMonitorIngestResult, ingestClaudeMonitorSnapshot } from './ingest/ingest-claude-monitor.js';
export { type ClaudeMonitorSnapshot, parseClaudeMonitorSnapshot } from './parsers/claude-monitor/parse-claude-monitor.js';
export { type CcusageEntry, type CcusageReport, parseCcusageReport } from './parsers/ccusage/parse-ccusage-report.js';
export { findWindowTraceIds, ingestTelemetryEvents, type TelemetryIngestResult } from './ingest/ingest-proxy-telemetry.js';
export { type JsonErrorLocation, locateJsonError } from './parsers/locate-json-error.js';
export {
  CROSSOVER_COLUMNS,
  type CrossoverInput,
  type CrossoverInputIssue,
  type CrossoverInputResult,
  type CrossoverRecord,
  formatCrossoverIssue,
  parseCrossoverInput,
} from './parsers/crossover-input.js';
export {
  CROSSOVER_PERIOD_COLUMNS,
  type CrossoverPeriodRecord,
  type CrossoverPeriodsResult,
  detectCrossoverLayout,
  parseCrossoverPeriods,
} from './parsers/crossover-periods-input.js';
export type { RecordIssue } from './parsers/read-record-table.js';
export { ingestClaudeTranscripts, listIngestedClaudeDirs, type TranscriptIngestOptions } from './ingest/ingest-claude-transcripts.js';
export type { FileIngestResult } from './ingest/ingest-state.js';
export {
  AGENT_CLIS,
  type AgentCli,
  CLI_IDS,
  type CliId,
  checkProtocolFit,
  findAgentCli,
  findAgentProvider,
  findCliProtocols,
  findProfileProtocol,
  hasSubagents,
  identifyAgent,
  type OtelExporter,
  speaksProtocol,
} from './agents/index.js';
export type { ProtocolId } from '../ledger/vocabulary/index.js';
