// The capacity-input parsers (a sub-face of sources/): a pasted /status or /usage screen or a JSON reading, detected
// and parsed. `tracker snapshot` loads this face; sources/index.ts adds the ingesters, which load the whole ledger.
export {
  ReadingSchema,
  fail,
  formatIssues,
  succeed,
  type ParseContext,
  type ParseIssue,
  type ParseResult,
  type Reading,
  type TimeZoneSource,
} from './reading.js';
export {
  INPUT_FORMATS,
  MAX_INPUT_CHARS,
  detectInputFormat,
  parseCapacityInput,
  type DetectedFormat,
  type InputFormat,
} from './detect-input.js';
export { QUOTA_KINDS, type QuotaKind } from './quota/quota-reading.js';
export { compareTranscriptCopies, readClaudeTranscriptLine, type TranscriptEntry, type TranscriptLine } from './claude-transcript-line.js';
