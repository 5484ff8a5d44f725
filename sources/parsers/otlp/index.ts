// The OTLP face of sources/ (a sub-face): decode an export, take the agents' usage out of it, encode the answers. Pure.
// Loaded by the OTel receiver only, on its first export: protobufjs and the descriptor stay out of every other command.
export { decodeOtlpRequest, type OtlpDecoded, type OtlpDecodeResult } from './decode-otlp.js';
export { encodeExportAnswer, encodeStatus, type OtlpAnswerBody } from './encode-otlp-answer.js';
export { extractLogUsage, listOtelUsageEvents } from './extract-log-usage.js';
export { extractMetricUsage } from './extract-metric-usage.js';
export type {
  OtelExtraction,
  OtelMetricRecord,
  OtelRefusedItem,
  OtelRequestRecord,
  OtelSender,
  OtelTokens,
  OtelUsageRecord,
} from './otel-usage-records.js';
export { readText, type OtelAttributes, type OtelValue } from './otel-values.js';
export type { OtlpEncoding, OtlpSignal } from './otlp-types.js';
