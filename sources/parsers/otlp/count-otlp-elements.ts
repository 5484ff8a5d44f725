// Counts what an OTLP export would decode into before it is decoded: a few kilobytes must not hold millions of messages (pure).
import type protobuf from 'protobufjs/light.js';

/**
 * Field occurrences an export may hold, at every depth. The largest real export measured (Codex 0.169.0 metrics,
 * 132,568 bytes of protobuf) holds under 66,000 (a field takes 2 bytes at least); 32,643 gzip bytes of `0a 00`
 * repeated held 16.7 million empty ResourceLogs, which protobufjs decoded in 33 s at 2.6 GB (issue 50, item 2).
 */
export const MAX_OTLP_ELEMENTS = 250_000;

/** Nesting protobufjs itself refuses past (its reader's recursion limit): a deeper export is invalid anyway. */
const MAX_DEPTH = 100;

/**
 * Field occurrences in a protobuf `type` at every depth of its message fields, counting up to `limit`: returns
 * limit + 1 as soon as it is passed, without reading further (O(bytes), no allocation). A packed repeated scalar counts
 * one per byte (each element takes at least one). Malformed input stops the count where it breaks: the decoder then
 * says what is wrong.
 */
export function countProtobufElements(type: protobuf.Type, bytes: Uint8Array, limit = MAX_OTLP_ELEMENTS): number {
  const counter = { count: 0, limit };
  walkMessage(type, bytes, 0, bytes.length, 0, counter);
  return counter.count;
}

function walkMessage(
  type: protobuf.Type,
  bytes: Uint8Array,
  start: number,
  end: number,
  depth: number,
  counter: { count: number; limit: number },
): void {
  let at = start;
  while (at < end && counter.count <= counter.limit) {
    const [tag, afterTag] = readVarint(bytes, at, end);
    if (afterTag < 0) return;
    at = afterTag;
    counter.count += 1;
    const wire = tag % 8;
    if (wire === 0) {
      const [, next] = readVarint(bytes, at, end);
      if (next < 0) return;
      at = next;
    } else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else if (wire === 2) {
      const [length, next] = readVarint(bytes, at, end);
      if (next < 0 || next + length > end) return;
      const field = type.fieldsById[Math.floor(tag / 8)];
      const inner = field?.resolvedType;
      if (inner && 'fieldsById' in inner && depth < MAX_DEPTH)
        walkMessage(inner as protobuf.Type, bytes, next, next + length, depth + 1, counter);
      else if (field?.repeated && field.resolvedType === null && field.type !== 'string' && field.type !== 'bytes') counter.count += length;
      at = next + length;
    } else return;
  }
}

/** A varint at `at` (at most 10 bytes, below `end`): its value (to 2^53) and where it ends, or -1 when it does not. */
function readVarint(bytes: Uint8Array, at: number, end: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (let i = at; i < end && i < at + 10; i += 1) {
    const byte = bytes[i] as number;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return [value, i + 1];
    scale *= 128;
  }
  return [0, -1];
}

/**
 * Values a JSON text would parse into (each object, array and element after a comma), counting up to `limit`: braces,
 * brackets and commas outside strings. O(characters), before JSON.parse builds anything: 11.2 million empty objects
 * took 110 s and 3.7 GB to parse and map (issue 50, item 2).
 */
export function countJsonElements(text: string, limit = MAX_OTLP_ELEMENTS): number {
  let count = 0;
  let inString = false;
  for (let i = 0; i < text.length && count <= limit; i += 1) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c) i += 1;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x7b || code === 0x5b || code === 0x2c) count += 1;
  }
  return count;
}
