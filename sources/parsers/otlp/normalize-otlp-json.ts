// OTLP/JSON's one departure from the proto3 JSON mapping that a mapping parser cannot take: trace and span ids in hex.
import type { OtlpSignal } from './otlp-types.js';

/**
 * The OTLP spec (docs/specification.md at v1.9.0, "JSON Protobuf Encoding"): `traceId` and `spanId` are case-insensitive
 * hex strings, where the proto3 mapping has base64 for bytes. They sit at known places (a log record; a metric data
 * point's exemplars), so those places are walked by hand: no recursion over the payload, whatever its nesting.
 * Rewritten in place to base64; returns the first problem (a field that is not hex) or null. Everything else (int64 as
 * string or number, enums as numbers, unknown fields ignored) is the mapping itself and left to protobufjs's parser.
 */
export function normalizeOtlpJson(signal: OtlpSignal, payload: unknown): string | null {
  if (signal === 'logs') {
    for (const [path, record] of walk(payload, ['resourceLogs', 'scopeLogs', 'logRecords'])) {
      const problem = hexToBase64(record, path);
      if (problem) return problem;
    }
    return null;
  }
  for (const [path, metric] of walk(payload, ['resourceMetrics', 'scopeMetrics', 'metrics'])) {
    for (const kind of ['gauge', 'sum', 'histogram', 'exponentialHistogram', 'summary']) {
      for (const [pointPath, point] of walk(metric, [kind, 'dataPoints'], path)) {
        for (const [exemplarPath, exemplar] of walk(point, ['exemplars'], pointPath)) {
          const problem = hexToBase64(exemplar, exemplarPath);
          if (problem) return problem;
        }
      }
    }
  }
  return null;
}

/** The objects at the end of a chain of fields, each either an object or an array of them; anything else is skipped (the parser names it). */
function* walk(start: unknown, fields: string[], base = ''): Generator<[string, Record<string, unknown>]> {
  let level: [string, unknown][] = [[base, start]];
  for (const field of fields) {
    const next: [string, unknown][] = [];
    for (const [path, value] of level) {
      if (!isObject(value)) continue;
      const child = value[field];
      if (Array.isArray(child)) {
        for (const [index, item] of child.entries()) next.push([`${path}${path ? '.' : ''}${field}[${index}]`, item]);
      } else if (isObject(child)) next.push([`${path}${path ? '.' : ''}${field}`, child]);
    }
    level = next;
  }
  for (const [path, value] of level) if (isObject(value)) yield [path, value];
}

const HEX = /^(?:[0-9a-fA-F]{2})*$/;

function hexToBase64(holder: Record<string, unknown>, path: string): string | null {
  for (const field of ['traceId', 'spanId']) {
    const value = holder[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' || !HEX.test(value)) {
      const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : typeof value;
      return `${path}.${field}: expected a hex string (OTLP/JSON ids are hex, not base64), got ${shown}`;
    }
    holder[field] = Buffer.from(value, 'hex').toString('base64');
  }
  return null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
