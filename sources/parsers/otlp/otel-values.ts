// OTLP attribute values as plain JSON values, bounded, so an agent's own attribute names and values can be kept in a row.
import type { OtlpAnyValue, OtlpKeyValue } from './otlp-types.js';

export type OtelValue = string | number | boolean | null | OtelValue[] | { [key: string]: OtelValue };
export type OtelAttributes = Record<string, OtelValue>;

/** OTel SDKs keep 128 attributes per record by default (the spec's AttributeCountLimit); more is not an agent's own data. */
export const MAX_ATTRIBUTES = 128;
/** A longer string value is cut: a row keeps figures and names, not documents. */
export const MAX_STRING = 2_000;
/** Arrays and key-value lists nested deeper than this are replaced by a marker. */
const MAX_NESTING = 4;

/** `attributes` as an object by key (the last of a repeated key wins); `__proto__` is dropped, never assigned. */
export function readAttributes(attributes: OtlpKeyValue[] | undefined): OtelAttributes {
  const out: OtelAttributes = {};
  let kept = 0;
  for (const attribute of attributes ?? []) {
    const key = attribute.key ?? '';
    if (key === '' || key === '__proto__' || key.length > 256) continue;
    if (!(key in out)) {
      if (kept === MAX_ATTRIBUTES) continue;
      kept += 1;
    }
    out[key] = readValue(attribute.value, 0);
  }
  return out;
}

/** One AnyValue: 64-bit integers as numbers while exact, else as their decimal text; non-finite doubles as text. */
export function readValue(value: OtlpAnyValue | undefined, depth = 0): OtelValue {
  if (!value) return null;
  if (value.stringValue !== undefined) return cutString(value.stringValue);
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) {
    const number = Number(value.intValue);
    return Number.isSafeInteger(number) ? number : value.intValue;
  }
  if (value.doubleValue !== undefined) return Number.isFinite(value.doubleValue) ? value.doubleValue : String(value.doubleValue);
  if (value.bytesValue !== undefined) return cutString(`base64:${value.bytesValue}`);
  if (value.arrayValue !== undefined) {
    if (depth >= MAX_NESTING) return '[nested too deep]';
    return (value.arrayValue.values ?? []).slice(0, MAX_ATTRIBUTES).map((item) => readValue(item, depth + 1));
  }
  if (value.kvlistValue !== undefined) {
    if (depth >= MAX_NESTING) return '[nested too deep]';
    const out: { [key: string]: OtelValue } = {};
    for (const entry of (value.kvlistValue.values ?? []).slice(0, MAX_ATTRIBUTES)) {
      const key = entry.key ?? '';
      if (key !== '' && key !== '__proto__') out[key] = readValue(entry.value, depth + 1);
    }
    return out;
  }
  return null;
}

function cutString(text: string): string {
  return text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}...[cut, ${text.length} characters]` : text;
}

/** The text of an attribute (strings as they are, numbers written out); null when absent or empty. */
export function readText(value: OtelValue | undefined): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}
