// Finds the top-level "model" of a JSON request body without parsing the rest, and splices in a new one.

/** Where the model's JSON string sits in the body (offsets of its quotes, end exclusive). */
export interface ModelField {
  model: string;
  start: number;
  end: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MODEL_KEY = Buffer.from('"model"');

/**
 * Walks the top level of the object only: strings are skipped with indexOf (a request is mostly message
 * text), nesting is counted, and it stops at the top-level "model" key. Null when the body is not a JSON
 * object or has no string model; the caller then forwards the body untouched to the default route.
 */
export function findModelField(body: Buffer): ModelField | null {
  let pos = skipBlanks(body, 0);
  if (body[pos] !== 0x7b) return null;
  pos += 1;
  let depth = 1;
  let expectKey = true;
  while (pos < body.length) {
    const byte = body[pos];
    if (byte === QUOTE) {
      const close = findStringEnd(body, pos);
      if (close < 0) return null;
      if (depth === 1 && expectKey) {
        if (close - pos + 1 === MODEL_KEY.length && body.compare(MODEL_KEY, 0, MODEL_KEY.length, pos, close + 1) === 0) return readModelValue(body, close + 1);
        expectKey = false;
      }
      pos = close + 1;
      continue;
    }
    if (byte === 0x7b || byte === 0x5b) depth += 1;
    else if (byte === 0x7d || byte === 0x5d) {
      depth -= 1;
      if (depth === 0) return null;
    } else if (byte === 0x2c && depth === 1) expectKey = true;
    pos += 1;
  }
  return null;
}

export function replaceModel(body: Buffer, field: ModelField, model: string): Buffer {
  return Buffer.concat([body.subarray(0, field.start), Buffer.from(JSON.stringify(model)), body.subarray(field.end)]);
}

function readModelValue(body: Buffer, afterKey: number): ModelField | null {
  let pos = skipBlanks(body, afterKey);
  if (body[pos] !== 0x3a) return null;
  pos = skipBlanks(body, pos + 1);
  if (body[pos] !== QUOTE) return null;
  const close = findStringEnd(body, pos);
  if (close < 0) return null;
  try {
    const model: unknown = JSON.parse(body.toString('utf8', pos, close + 1));
    return typeof model === 'string' ? { model, start: pos, end: close + 1 } : null;
  } catch {
    return null;
  }
}

/** The offset of the quote closing the string opening at `open`, or -1. */
function findStringEnd(body: Buffer, open: number): number {
  let pos = open + 1;
  for (;;) {
    const quote = body.indexOf(QUOTE, pos);
    if (quote < 0) return -1;
    let slashes = 0;
    while (body[quote - 1 - slashes] === BACKSLASH) slashes += 1;
    if (slashes % 2 === 0) return quote;
    pos = quote + 1;
  }
}

function skipBlanks(body: Buffer, pos: number): number {
  let at = pos;
  while (at < body.length && (body[at] === 0x20 || body[at] === 0x0a || body[at] === 0x0d || body[at] === 0x09)) at += 1;
  return at;
}
