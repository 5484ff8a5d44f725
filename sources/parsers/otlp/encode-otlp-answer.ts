// The bodies of OTLP/HTTP answers: Export*ServiceResponse (with partial_success when records were refused) and google.rpc.Status.
import protojson from 'protobufjs/ext/protojson.js';
import { OTLP_TYPES, type OtlpEncoding, type OtlpSignal } from './otlp-types.js';

export interface OtlpAnswerBody {
  contentType: 'application/x-protobuf' | 'application/json';
  body: Uint8Array;
}

/**
 * The success answer in the request's encoding (OTLP spec, "OTLP/HTTP Response": the same Content-Type as the request).
 * `partial_success` stays unset when nothing was refused; else it counts the refused log records or data points.
 */
export function encodeExportAnswer(signal: OtlpSignal, encoding: OtlpEncoding, refused: number, errorMessage: string): OtlpAnswerBody {
  const type = OTLP_TYPES.response[signal];
  const count = signal === 'logs' ? { rejectedLogRecords: refused } : { rejectedDataPoints: refused };
  return encode(type, encoding, refused > 0 ? { partialSuccess: { ...count, errorMessage } } : {});
}

/** google.rpc.Status, the body of every 4xx and 5xx answer (OTLP spec, "Failures"); `code` is a google.rpc.Code. */
export function encodeStatus(encoding: OtlpEncoding, code: number, message: string): OtlpAnswerBody {
  return encode(OTLP_TYPES.status, encoding, { code, message });
}

function encode(type: (typeof OTLP_TYPES)['status'], encoding: OtlpEncoding, fields: Record<string, unknown>): OtlpAnswerBody {
  const message = type.fromObject(fields);
  if (encoding === 'json')
    return { contentType: 'application/json', body: Buffer.from(JSON.stringify(protojson.toJson(type, message)), 'utf8') };
  return { contentType: 'application/x-protobuf', body: type.encode(message).finish() };
}
