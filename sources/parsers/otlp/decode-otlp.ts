// Decodes an OTLP/HTTP export request (logs or metrics, protobuf or JSON) with the official definitions through protobufjs.
import protojson from 'protobufjs/ext/protojson.js';
import { locateJsonError } from '../locate-json-error.js';
import { countJsonElements, MAX_OTLP_ELEMENTS } from './count-otlp-elements.js';
import { decodeBoundedProtobuf } from './decode-bounded-protobuf.js';
import { normalizeOtlpJson } from './normalize-otlp-json.js';
import {
  DECODED_FORM,
  OTLP_TYPES,
  type OtlpEncoding,
  type OtlpLogsRequest,
  type OtlpMetricsRequest,
  type OtlpSignal,
} from './otlp-types.js';

export type OtlpDecoded = { signal: 'logs'; request: OtlpLogsRequest } | { signal: 'metrics'; request: OtlpMetricsRequest };
/** `too_large`: the export holds more than MAX_OTLP_ELEMENTS values (refused as soon as that many are read: a 413). */
export type OtlpDecodeResult = { ok: true; decoded: OtlpDecoded } | { ok: false; reason: string; too_large?: boolean };

/** A reason quotes what it found; a payload can put megabytes where a number belongs. */
const MAX_REASON = 300;
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Never throws. Protobuf goes through `Type.decode` on a reader that counts every value as it reads it
 * (decode-bounded-protobuf.ts; protobufjs's reader: truncated input, bad wire types and nesting past 100 levels are
 * errors). JSON is read as the OTLP/JSON mapping: hex ids turned to base64 (normalize-otlp-json.ts),
 * then protobufjs's ProtoJSON parser (`protobufjs/ext/protojson.js`, ignoring unknown fields as the OTLP spec asks),
 * which checks every value's type (`fromObject` would turn a string where a number belongs into NaN without a word).
 */
export function decodeOtlpRequest(signal: OtlpSignal, encoding: OtlpEncoding, body: Uint8Array): OtlpDecodeResult {
  const type = OTLP_TYPES.request[signal];
  const what = `${type.name} (${encoding === 'json' ? 'OTLP/JSON' : 'protobuf'})`;
  try {
    // Bounded while it decodes: decoding runs on the proxy's event loop, and its cost follows what the bytes hold.
    const message = encoding === 'protobuf' ? readProtobuf(type, body) : readJson(signal, body);
    if (message === TOO_LARGE) return refuseLarge(what, body.length);
    if (typeof message === 'string') return { ok: false, reason: `not a valid ${what}: ${cut(message)}` };
    const request = type.toObject(message, DECODED_FORM);
    return { ok: true, decoded: signal === 'logs' ? { signal, request } : { signal, request } };
  } catch (error) {
    return { ok: false, reason: `not a valid ${what}: ${cut(error instanceof Error ? error.message : String(error))}` };
  }
}

const TOO_LARGE = Symbol('too large');

function refuseLarge(what: string, bytes: number): OtlpDecodeResult {
  return {
    ok: false,
    too_large: true,
    reason: `${what} of ${bytes} bytes holds more than ${MAX_OTLP_ELEMENTS} values: refused, not decoded further (a real export holds a fraction of that)`,
  };
}

function readProtobuf(type: (typeof OTLP_TYPES.request)[OtlpSignal], body: Uint8Array) {
  const decoded = decodeBoundedProtobuf(type, body);
  return decoded.ok ? decoded.message : TOO_LARGE;
}

/** The message, or what was wrong before the mapping parser could run. */
function readJson(signal: OtlpSignal, body: Uint8Array): ReturnType<typeof protojson.fromJson> | string | typeof TOO_LARGE {
  let text: string;
  try {
    text = UTF8.decode(body);
  } catch {
    return 'the body is not UTF-8 text';
  }
  if (countJsonElements(text) > MAX_OTLP_ELEMENTS) return TOO_LARGE;
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    const where = locateJsonError(text);
    return where ? `not JSON: ${where.message} (line ${where.line}, column ${where.column})` : 'not JSON';
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    return `expected a JSON object, got ${Array.isArray(payload) ? 'an array' : payload === null ? 'null' : typeof payload}`;
  const problem = normalizeOtlpJson(signal, payload);
  if (problem) return problem;
  return protojson.fromJson(OTLP_TYPES.request[signal], payload, { ignoreUnknownFields: true });
}

function cut(text: string): string {
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON)}... (${text.length} characters)` : text;
}
