// How many values an OTLP export may decode into, and the JSON count taken before JSON.parse builds anything (pure).

/**
 * Values an export may decode into, at every depth (protobuf: decode-bounded-protobuf.ts counts them as it reads). The
 * largest real export measured (Codex 0.169.0 metrics, 132,568 bytes of protobuf) holds under 66,000 (a field takes 2
 * bytes at least); 32,643 gzip bytes of `0a 00` repeated held 16.7 million empty ResourceLogs, which protobufjs decoded
 * in 33 s at 2.6 GB.
 */
export const MAX_OTLP_ELEMENTS = 250_000;

/**
 * Values a JSON text would parse into (each object, array and element after a comma), counting up to `limit`: braces,
 * brackets and commas outside strings. O(characters), before JSON.parse builds anything: 11.2 million empty objects
 * took 110 s and 3.7 GB to parse and map. JSON has one way to nest, so this walk and the parser cannot disagree on
 * what holds a value, as a protobuf walk and decoder could (a group).
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
