// The OTLP message types protobufjs reflects from the vendored definitions, and the decoded shapes the extractors read.
import protobuf from 'protobufjs/light.js';
import { OTLP_DESCRIPTOR } from './otlp-descriptor.js';

const root = protobuf.Root.fromJSON(OTLP_DESCRIPTOR);

/** The two signals the receiver takes (OTLP/HTTP paths /v1/logs and /v1/metrics); traces are not usage. */
export type OtlpSignal = 'logs' | 'metrics';
/** `application/x-protobuf` or `application/json` (OTLP/HTTP's two payload encodings). */
export type OtlpEncoding = 'protobuf' | 'json';

export const OTLP_TYPES = {
  request: {
    logs: root.lookupType('opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest'),
    metrics: root.lookupType('opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest'),
  },
  response: {
    logs: root.lookupType('opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse'),
    metrics: root.lookupType('opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse'),
  },
  status: root.lookupType('google.rpc.Status'),
} as const;

/**
 * How a decoded message is handed to the extractors (protobufjs `toObject`): 64-bit integers as decimal strings (no
 * precision lost), enums as numbers, bytes as base64, unset fields absent. Both encodings end in this one shape.
 */
export const DECODED_FORM: protobuf.IConversionOptions = { longs: String, enums: Number, bytes: String, defaults: false };

/** common.v1.AnyValue: exactly one of these is set (none for an empty value). */
export interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string;
  doubleValue?: number;
  arrayValue?: { values?: OtlpAnyValue[] };
  kvlistValue?: { values?: OtlpKeyValue[] };
  bytesValue?: string;
}

export interface OtlpKeyValue {
  key?: string;
  value?: OtlpAnyValue;
}

export interface OtlpResource {
  attributes?: OtlpKeyValue[];
}

export interface OtlpScope {
  name?: string;
  version?: string;
}

export interface OtlpLogRecord {
  timeUnixNano?: string;
  observedTimeUnixNano?: string;
  severityNumber?: number;
  severityText?: string;
  body?: OtlpAnyValue;
  attributes?: OtlpKeyValue[];
  eventName?: string;
}

export interface OtlpLogsRequest {
  resourceLogs?: { resource?: OtlpResource; scopeLogs?: { scope?: OtlpScope; logRecords?: OtlpLogRecord[] }[] }[];
}

export interface OtlpNumberPoint {
  attributes?: OtlpKeyValue[];
  startTimeUnixNano?: string;
  timeUnixNano?: string;
  asDouble?: number;
  asInt?: string;
}

export interface OtlpMetric {
  name?: string;
  unit?: string;
  gauge?: { dataPoints?: OtlpNumberPoint[] };
  sum?: { dataPoints?: OtlpNumberPoint[]; aggregationTemporality?: number; isMonotonic?: boolean };
  histogram?: { dataPoints?: unknown[] };
  exponentialHistogram?: { dataPoints?: unknown[] };
  summary?: { dataPoints?: unknown[] };
}

export interface OtlpMetricsRequest {
  resourceMetrics?: { resource?: OtlpResource; scopeMetrics?: { scope?: OtlpScope; metrics?: OtlpMetric[] }[] }[];
}

/** metrics.v1.AggregationTemporality. */
export const TEMPORALITY = { 1: 'delta', 2: 'cumulative' } as const;
